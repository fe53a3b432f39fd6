def current_role(request):
    """The signed-in user's main role, shown beside their name in the base layout. (The
    menu is config.menu's: each link is there when its page's own rule lets the user in.)"""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"current_role": user.role}
