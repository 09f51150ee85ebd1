"""The domain: rules, models, repositories and services. Pure Python: never imports Qt."""
