from django import forms

from stories.models import Profile

from .planner import SLOTS_PER_ROUND, slot_name


class TargetForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["stories_per_value"]
        labels = {"stories_per_value": "Stories per value"}


class LoopPlanForm(forms.Form):
    """One optional choice of story per slot of each round; a story may be used once in the loop."""

    def __init__(self, *args, rounds, stories, fitting=None, **kwargs):
        """`rounds`: InterviewRound rows; `stories`: StoryFacts; `fitting`: round id -> fitting story ids."""
        super().__init__(*args, **kwargs)
        self.rounds = rounds
        self.titles = {str(s.id): s.title for s in stories}
        fitting = fitting or {}
        for rnd in rounds:
            fits = fitting.get(rnd.id, set())
            choices = [("", "— No story —")] + [
                (str(s.id), f"✓ {s.title}" if s.id in fits else s.title) for s in stories
            ]
            for index in range(SLOTS_PER_ROUND):
                self.fields[slot_name(rnd.id, index)] = forms.ChoiceField(
                    choices=choices,
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

