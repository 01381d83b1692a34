"""Demo role accounts. Never real persons: role names and example.org addresses."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .roles import COORDINATORS, IR_STAFF

# username, first name, last name, group, password
DEMO_ACCOUNTS = [
    ("ir1", "IR", "Contact One", IR_STAFF, "demo-ir1-icm"),
    ("ir2", "IR", "Contact Two", IR_STAFF, "demo-ir2-icm"),
    ("coordinator1", "Coordinator", "Observatory", COORDINATORS, "demo-coord1-icm"),
    ("coordinator2", "Coordinator", "ISGA", COORDINATORS, "demo-coord2-icm"),
    ("coordinator3", "Coordinator", "LACDR", COORDINATORS, "demo-coord3-icm"),
    ("student", "Demo", "Student", None, "demo-student-icm"),
    ("staff", "Demo", "Staff member", None, "demo-staff-icm"),
]


def seed_accounts():
    """Create the demo accounts once; later runs leave them (and their passwords) as they are.

    Returns the list of (username, password, role) to print.
    """
    User = get_user_model()
    printed = []
    for username, first, last, group_name, password in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(password)
            user.is_staff = group_name == IR_STAFF
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        printed.append((username, password, group_name or ("student" if username == "student" else "staff")))
    return printed
