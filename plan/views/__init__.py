"""Pages of the plan and its schedule, one module per concern (urls.py names them). Thin:
read the request, check the rule, call a service or selector, render."""
