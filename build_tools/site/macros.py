"""The content macros, registered with mkdocs-macros by the top-level macros.py.

Each macro is a plain function of the library and the current page, so it can be tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from build_tools.data.library import Library
from build_tools.data.model import Condition, Term
from build_tools.data.suggest import did_you_mean
from build_tools.site.compare import DEFAULT_COLUMNS, columns_named
from build_tools.site.figures.site import VIEWS, site_figures
from build_tools.site.render import Renderer
from build_tools.site.session import session_data
from build_tools.site.sheets import builder_catalogue, sheet_sections
from build_tools.site.structured_data import exercise_howto


class ContentMacros:
    """Macros available in every content page. Each returns Markdown/HTML for the current page."""

    def __init__(self, library: Library, renderer: Renderer, page_url: Any):
        self.library = library
        self.renderer = renderer
        self.page_url = page_url  # a callable: the URL of the page being rendered

    def _render(self, template: str, **context: Any) -> str:
        return self.renderer.render(template, self.page_url(), **context)

    def exercise_page(self, exercise_id: str) -> str:
        """The whole body of an exercise's page."""
        exercise = self.library.exercise(exercise_id)
        data = exercise_howto(exercise, self.library.vocab)
        if exercise.id in site_figures(self.library).poses:  # the drawing is the page's image
            data["image"] = "figure.svg"
        easier, harder = self.library.ladder(exercise_id)
        return self._render(
            "exercise.html",
            exercise=exercise,
            structured_data=data,
            easier=easier,
            harder=harder,
            edit_url=self.renderer.source_url(exercise.source_path),
        )

    def muscle_page(self, muscle_id: str) -> str:
        """The body of a muscle or muscle-group page: exercises where it is primary, then secondary."""
        vocab = self.library.vocab
        term = vocab.muscles.get(muscle_id) or vocab.groups[muscle_id]
        members = [m for m in vocab.muscles.values() if m.group == muscle_id]
        group = vocab.groups.get(getattr(term, "group", ""))
        return self._render(
            "muscle.html",
            term=term,
            members=members,
            group=group,
            shown=self.library.muscles_in(muscle_id),
            primary=self.library.for_muscle(muscle_id, "primary"),
            secondary=self.library.for_muscle(muscle_id, "secondary"),
        )

    def equipment_page(self, equipment_id: str) -> str:
        """The body of an equipment page: every exercise that uses it, those needing nothing else first."""
        term = self.library.vocab.equipment[equipment_id]
        exercises = self.library.for_equipment(equipment_id)
        alone_ids = [e.id for e in exercises if e.needs_only(equipment_id)]
        return self._render("equipment.html", term=term, exercises=exercises, alone_ids=alone_ids)

    def muscle_index(self) -> str:
        """Every muscle group with its muscles, and how many exercises work each as main target or helper."""
        vocab, lib = self.library.vocab, self.library

        def counts(term: Term) -> dict[str, Any]:
            return {
                "term": term,
                "primary": len(lib.for_muscle(term.id, "primary")),
                "secondary": len(lib.for_muscle(term.id, "secondary")),
            }

        groups = [
            {**counts(group), "muscles": [counts(m) for m in vocab.muscles.values() if m.group == group.id]}
            for group in vocab.groups.values()
        ]
        return self._render("muscle-index.html", groups=groups)

    def equipment_index(self) -> str:
        """Every equipment item as a card, with how many exercises use it and how many need nothing else."""
        items = []
        for term in self.library.vocab.equipment.values():
            using = self.library.for_equipment(term.id)
            alone = sum(e.needs_only(term.id) for e in using)
            items.append({"term": term, "count": len(using), "alone": alone})
        return self._render("equipment-index.html", items=items)

    def exercise_link(self, exercise_id: str) -> str:
        """A link to one exercise, by id: {{ exercise_link("clamshell") }}."""
        return self._render("exercise-link.html", exercise=self.library.exercise(exercise_id))

    def exercise_list(self, condition: str | None = None) -> str:
        """Every exercise (or those for one condition) as a list of links with summaries."""
        exercises = self.library.for_condition(condition) if condition else self.library.by_name()
        return self._render("exercise-list.html", exercises=exercises)

    def condition_exercises(self, condition: str, level: int = 3, cards: bool = False) -> str:
        """Exercises for one condition by phase (a heading each), then by type: compact lists or cards."""
        term = self._condition(condition)
        by_phase = {phase: self.library.for_condition(term.id, phase) for phase in self.library.vocab.phases}
        return self._render(
            "condition-exercises.html", condition=term, level=level, cards=cards, by_phase=by_phase
        )

    def compare_table(
        self,
        ids: list[str] | None = None,
        condition: str | None = None,
        columns: Sequence[str] = DEFAULT_COLUMNS,
        caption: str = "",
    ) -> str:
        """A sortable table of exercises (these ids, those for a condition, or all) in the chosen columns."""
        if ids is not None and condition is not None:
            raise ValueError("compare_table takes ids or condition, not both")
        if ids is not None:
            exercises = [self.library.exercise(i) for i in ids]
        elif condition is not None:
            exercises = self.library.for_condition(self._condition(condition).id)
        else:
            exercises = self.library.by_name()
        chosen = columns_named(columns)
        rows = [[column.cell(e, self.library.vocab) for column in chosen] for e in exercises]
        return self._render("compare-table.html", columns=chosen, rows=rows, caption=caption)

    def references(self, *reference_ids: str) -> str:
        """A list of sources from the bibliography, in the order given: {{ references("willy2019") }}."""
        bibliography = self.library.vocab.references
        unknown = [i for i in reference_ids if i not in bibliography]
        if unknown:
            raise KeyError(f"no source with id '{unknown[0]}';{did_you_mean(unknown[0], bibliography)}")
        chosen = [bibliography[i] for i in reference_ids]
        return self._render("reference-list.html", references=chosen, tag="ul")

    def red_flags(self) -> str:
        """The red-flag box (urgent and soon-to-see signs) that every condition page carries."""
        return self._render("red-flags.html")

    def _condition(self, condition: str) -> Condition:
        conditions = self.library.vocab.conditions
        if condition not in conditions:
            raise ValueError(
                f"no condition has the id '{condition}';{did_you_mean(condition, conditions)} "
                f"the ids are: {', '.join(conditions)}"
            )
        return conditions[condition]

    def exercise_browser(self) -> str:
        """Every exercise as a card, filterable by condition, muscle, equipment, position, level and type."""
        vocab = self.library.vocab

        def facet(key: str, label: str, terms: Iterable[object]) -> dict[str, Any]:
            return {"key": key, "label": label, "groups": [{"label": "", "terms": list(terms)}]}

        conditions = [{"id": c.id, "name": c.short_name or c.name} for c in vocab.conditions.values()]
        muscles = {
            "key": "muscle",
            "label": "Muscle",
            "groups": [
                {
                    "label": group.name,
                    "terms": [
                        {"id": group.id, "name": f"Any in {group.name.lower()}"},
                        *[m for m in vocab.muscles.values() if m.group == group.id],
                    ],
                }
                for group in vocab.groups.values()
            ],
        }
        facets = [
            facet("condition", "Condition", conditions),
            muscles,
            facet("equipment", "Equipment", vocab.equipment.values()),
            facet("position", "Position", vocab.positions.values()),
            facet("level", "Level", vocab.levels.values()),
            facet("type", "Type", vocab.types.values()),
        ]
        return self._render("exercise-browser.html", exercises=self.library.by_name(), facets=facets)

    def where_it_hurts(self) -> str:
        """The home page's "Where does it hurt?" cards: each place of pain leads to its condition page,
        in the order the knee diagram numbers them (knee-areas.html), any other condition after them."""
        return self._render("where-it-hurts.html", conditions=list(self.library.vocab.conditions.values()))

    def knee_diagram(self) -> str:
        """The home page's knee, front and side: each sore place is a link to its condition page."""
        return self._render("knee-diagram.html")

    def routine_page(self, routine_id: str) -> str:
        """The whole body of a routine's page: the printable sheet, with print and PDF links."""
        routine = self.library.routines[routine_id]
        return self._render(
            "routine.html", routine=routine, sections=sheet_sections(routine, self.library.exercises)
        )

    def routine_list(self) -> str:
        """Every routine as a card, for /routines/."""
        routines = sorted(self.library.routines.values(), key=lambda r: r.title.lower())
        return self._render("routine-list.html", routines=routines, show_condition=True)

    def routines_for(self, condition: str) -> str:
        """The routines for one condition, for its page: {{ routines_for("it-band-syndrome") }}."""
        routines = self.library.routines_for(self._condition(condition).id)
        return self._render("routine-list.html", routines=routines, show_condition=False)

    def routine_builder(self) -> str:
        """The routine builder: filters, the chosen exercises, and the same printable sheet."""
        catalogue = builder_catalogue(self.library.by_name(), self.library.vocab)
        return self._render("routine-builder.html", catalogue=catalogue, exercises=self.library.by_name())

    def session_page(self) -> str:
        """The guided session: one exercise at a time, with counters, timers and the pain questions."""
        return self._render("session.html", data=session_data(self.library))

    def log_page(self) -> str:
        """The session log kept in this browser: sessions, pain by week, each exercise's history."""
        return self._render("log.html")

    def pose_editor(self) -> str:
        """The pose editor: a slider per joint and side, the figure redrawn as they move, the YAML."""
        editor = site_figures(self.library).editor
        positions, exercises = editor.starts()
        return self._render(
            "pose-editor.html",
            groups=editor.sliders(),
            positions=positions,
            exercises=exercises,
            views=VIEWS,
            keyframes=list(editor.pose_schema["keyframes"]["properties"]),
        )

    def registry(self) -> dict[str, Any]:
        """Name -> function, for registration with mkdocs-macros."""
        return {name: getattr(self, name) for name in CONTENT_MACROS}


# Every macro a content page may call: ours, plus what Jinja and mkdocs-macros provide.
CONTENT_MACROS = [
    "exercise_page",
    "muscle_page",
    "equipment_page",
    "exercise_link",
    "exercise_list",
    "condition_exercises",
    "compare_table",
    "red_flags",
    "references",
    "muscle_index",
    "equipment_index",
    "exercise_browser",
    "where_it_hurts",
    "knee_diagram",
    "routine_page",
    "routine_list",
    "routines_for",
    "routine_builder",
    "session_page",
    "log_page",
    "pose_editor",
]
# Macros that write Markdown headings, so that they are in the page's table of contents: Markdown reads
# those lines (site/held_html.py).
WRITE_HEADINGS = {"condition_exercises", "muscle_index"}
JINJA_AND_MKDOCS_MACROS = {
    "range",
    "dict",
    "lipsum",
    "cycler",
    "joiner",
    "namespace",
    "context",
    "macros_info",
    "now",
    "fix_url",
}
MACRO_NAMES = set(CONTENT_MACROS) | JINJA_AND_MKDOCS_MACROS


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: register every content macro against the already-loaded library."""
    plugin = env.conf.plugins["atlas"]
    macros = ContentMacros(plugin.library, plugin.renderer, page_url=lambda: env.page.url)
    for name, function in macros.registry().items():
        env.macro(plugin.held_html.holding(function, keep_headings=name in WRITE_HEADINGS), name)
