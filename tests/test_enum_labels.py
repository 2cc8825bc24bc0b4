"""Every enum that is shown with a label: each member has one, its German is in the catalogue, and
no two enums share a label through one map (RunStatus.DONE and FileStatus.DONE are equal strings)."""
import importlib
import itertools
from enum import StrEnum
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import participation

MODEL_MODULES = ("auth", "ideas", "moderation", "catalogue", "lottery", "conference", "processes")
PO = Path(participation.__file__).parent / "translations" / "de" / "LC_MESSAGES" / "messages.po"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _modules():
    return [importlib.import_module(f"participation.{name}.models") for name in MODEL_MODULES]


def _enums():
    _modules()
    found = {cls for cls in _subclasses(StrEnum) if cls.__module__.startswith("participation.")}
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def _msgid(text):
    """The English msgid behind a lazy label (Flask-Babel's LazyString or Babel's LazyProxy)."""
    for attribute in ("_args", "_LazyString__args"):
        args = getattr(text, attribute, None)
        if args:
            return args[0]
    return None


def _labels_of(cls):
    """{member: lazy label} from the enum's own `label`, else its module's `label()` or ACTION_LABELS."""
    module = importlib.import_module(cls.__module__)
    members = list(cls)
    if isinstance(getattr(cls, "label", None), property):
        return {member: member.label for member in members}
    shared = getattr(module, "label", None)
    if callable(shared):
        labels = {member: shared(member) for member in members}
        if any(_msgid(label) for label in labels.values()):
            return labels
    actions = getattr(module, "ACTION_LABELS", None)
    if actions and any(member in actions for member in members):
        return {member: actions.get(member) for member in members}
    return None


LABELLED = [cls for cls in _enums() if _labels_of(cls) is not None]
# Members of different enums that mean the same thing and so read alike on purpose.
SAME_WORDS = {
    ("CommentStatus", "IdeaStatus", "submitted"), ("CommentStatus", "IdeaStatus", "published"),
    ("CommentStatus", "IdeaStatus", "rejected"), ("ConferenceMode", "ResponseChannel", "online"),
    ("FileStatus", "RunStatus", "queued"), ("FileStatus", "RunStatus", "failed"),
}


def test_the_enums_with_labels_are_found():
    names = {cls.__name__ for cls in LABELLED}
    assert {"RunStatus", "FileStatus", "DrawStatus", "InvitationStatus", "IdeaStatus", "MeasureStatus",
            "ConferenceStatus", "RoundState", "ModerationAction"} <= names


@pytest.mark.parametrize("cls", LABELLED, ids=lambda cls: cls.__name__)
def test_every_member_has_a_translated_label(cls):
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="de")
    for member, label in _labels_of(cls).items():
        msgid = _msgid(label)
        assert msgid, f"{cls.__name__}.{member.name} has no label"
        message = catalogue.get(msgid)
        assert message is not None and message.string, f"{cls.__name__}.{member.name}: “{msgid}” has no German"


def test_no_two_enums_share_a_label_through_one_map():
    """A map keyed by members keeps one key for equal values: the second enum's label overwrites the
    first's, and the first enum then shows the second's label (as RunStatus did with FileStatus's)."""
    by_module = {}
    for cls in LABELLED:
        by_module.setdefault(cls.__module__, []).append(cls)
    for module_name, classes in by_module.items():
        module = importlib.import_module(module_name)
        maps = [value for value in vars(module).values()
                if isinstance(value, dict) and value and all(isinstance(key, StrEnum) for key in value)]
        for mapping in maps:
            stored = {key: key for key in mapping}
            for cls in classes:
                if isinstance(getattr(cls, "label", None), property):
                    continue  # labelled by its own property, not through this map
                for member in cls:
                    if member in stored:
                        assert type(stored[member]) is cls, (
                            f"{cls.__name__}.{member.name} is labelled through {type(stored[member]).__name__}"
                            f".{stored[member].name} in a map of {module_name}")
        shared = getattr(module, "label", None)
        if callable(shared):  # the module's one label() gives each enum its own label
            for cls in classes:
                own = _labels_of(cls)
                for member in cls:
                    assert _msgid(shared(member)) == _msgid(own[member]), (module_name, member)
    for first, second in itertools.combinations(LABELLED, 2):  # equal values, different words
        for a, b in itertools.product(first, second):
            if a.value == b.value and (first.__name__, second.__name__, a.value) not in SAME_WORDS:
                assert _msgid(_labels_of(first)[a]) != _msgid(_labels_of(second)[b]), (
                    f"{first.__name__}.{a.name} and {second.__name__}.{b.name} read alike")


def test_a_finished_selection_run_is_not_labelled_like_a_ready_file(app):
    from participation.lottery.models import FileStatus, RunStatus, label

    with app.test_request_context():
        assert str(label(RunStatus.DONE)) == str(RunStatus.DONE.label) == "abgeschlossen"
        assert str(label(FileStatus.DONE)) == "fertig"
        assert str(label(RunStatus.RUNNING)) == "wird berechnet"
        assert str(label(FileStatus.RUNNING)) == "wird erstellt"
        assert label("done") == "done"  # a plain string is not an enum member of the lottery
