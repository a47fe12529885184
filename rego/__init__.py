"""attestkit's built-in Rego: shared helpers in lib/, one folder per check in checks/.

Shipped as package data; loaded with importlib.resources (see attestkit.engine.policy_set).
"""
