"""The built-in rules, one module per family (S, C, V, L, U, K, Y of the rule catalog).

Each module lists its rules in ``RULES`` and is registered in pyproject.toml under the
``target_lint.rules`` entry-point group, the same way a plugin registers its own.
"""
