from django import forms

from stories.models import Profile

from .planner import SLOTS_PER_ROUND, slot_name


class TargetForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["stories_per_value"]
        labels = {"stories_per_value": "Stories per value"}


class StoryChoiceField(forms.ChoiceField):
    """A choice among the stories a select shows, accepting any story of the user's (`allowed`, ids as
    text): at 1,000 stories a select lists a few dozen, and a story picked from the full list stays valid."""

    def __init__(self, *args, allowed: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def valid_value(self, value):
        return str(value) in self.allowed


class LoopPlanForm(forms.Form):
    """One optional choice of story per slot of each round; a story may be used once in the loop."""

    def __init__(self, *args, rounds, stories, fitting=None, offered=None, **kwargs):
        """`rounds`: InterviewRound rows; `stories`: StoryFacts; `fitting`: round id -> fitting story ids;
        `offered`: round id -> the StoryFacts its selects list, in order (every story when absent). A
        story chosen already is listed too, so the form keeps every choice."""
        super().__init__(*args, **kwargs)
        self.rounds = rounds
        self.titles = {str(s.id): s.title for s in stories}
        by_id = {str(s.id): s for s in stories}
        allowed = set(self.titles)
        fitting = fitting or {}
        for rnd in rounds:
            fits = fitting.get(rnd.id, set())
            listed = list(stories) if offered is None or rnd.id not in offered else list(offered[rnd.id])
            for index in range(SLOTS_PER_ROUND):
                name = slot_name(rnd.id, index)
                chosen = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
                shown = listed + ([by_id[chosen]] if chosen in by_id and by_id[chosen] not in listed else [])
                choices = [("", "— No story —")] + [
                    (str(s.id), f"✓ {s.title}" if s.id in fits else s.title) for s in shown
                ]
                self.fields[name] = StoryChoiceField(
                    choices=choices,
                    allowed=allowed,
                    required=False,
                    label=f"{rnd.name}, story {index + 1}",
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )

    def slots(self, rnd):
        return [self[slot_name(rnd.id, index)] for index in range(SLOTS_PER_ROUND)]

    def clean(self):
        cleaned = super().clean()
        where: dict[str, str] = {}
        for rnd in self.rounds:
            for index in range(SLOTS_PER_ROUND):
                name = slot_name(rnd.id, index)
                story_id = cleaned.get(name)
                if not story_id:
                    continue
                if story_id in where:
                    self.add_error(
                        name,
                        f"“{self.titles[story_id]}” is already planned for {where[story_id]}: "
                        "use each story once in the loop.",
                    )
                else:
                    where[story_id] = rnd.name
        return cleaned

    def plan(self) -> dict[int, list[int]]:
        """Round id -> chosen story ids, in slot order (after is_valid())."""
        return {
            rnd.id: [
                int(story_id)
                for index in range(SLOTS_PER_ROUND)
                if (story_id := self.cleaned_data.get(slot_name(rnd.id, index)))
            ]
            for rnd in self.rounds
        }

