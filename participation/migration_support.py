"""What the schema comparison leaves alone: search objects made by hand in migrations."""
from .ideas.search import SEARCH_OBJECTS


def include_object(obj, name, type_, reflected, compare_to):
    if name and any(name == o or name.startswith(o + "_") for o in SEARCH_OBJECTS):
        return False
    return True
