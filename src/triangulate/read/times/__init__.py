"""times: time expressions found in a report and resolved against its publication date."""

# Finding: our own patterns for news language (compiled once from data/times.yaml) run over
# the text; the longest match wins where they overlap; spaCy DATE/TIME entities that no
# pattern covers are added after, resolved by dateparser when it can. Spans follow TimeML
# (TIMEX3) extents: "the last two weeks" keeps "the", "on Monday" is only "Monday", and
# signals such as "since", "for", "between ... and" stay outside.
#
# Conventions for values (see also the README section in the lead's notes):
# - ISO 8601 dates and periods: "2019-08-20", "2019-W34", "2019-08", "2019-Q3", "2019-SU",
#   "2019", decades "199" (the 1990s), centuries "19"; times "2019-08-20T19:15",
#   parts of day "2019-08-20TMO".
# - Durations keep an ISO duration ("P3D", "PXW" when the count is vague) and have no dates,
#   except "the past/last/next N units", whose dates are the range ending (starting) on the
#   publication date. Sets ("daily") keep their period ("P1D"), granularity "fuzzy".
# - Fuzzy references are PAST_REF / PRESENT_REF / FUTURE_REF; "recently"-like ones carry an
#   approximate past range when the publication date is known.
# - No publication date: calendar expressions keep a partial value ("XXXX-07-19",
#   year_known False, no dates) unless a full date earlier in the text gives the year
#   (anchor "text"); relative ones get a masked value ("XXXX-XX-XX", "XXXX-WXX", weekday
#   "XXXX-WXX-5") with anchor "none". Absolute expressions ("8 May 2020") have anchor "none"
#   and year_known True: they needed nothing to resolve.
# - "since 2014" keeps the span and value of "2014" but its dates run to the publication date;
#   "between May 1 and May 3" / "from 2012 to 2014" become one range "2012/2014".
#
# Modules: calendar (vocabulary and calendar arithmetic), context (what handlers share),
# absolute and relative (the handlers), patterns (the rule table), resolve (finding, selection,
# anaphora, ranges; the entry points), tense (future/past cues from the parse), extras (spaCy
# entities read by dateparser).

from __future__ import annotations

from triangulate.read.times.resolve import find_times, resolve_expression

__all__ = ["find_times", "resolve_expression"]
