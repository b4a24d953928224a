"""Implicit sides: protesters and rioters, mobs, unnamed armed groups, state posts and civilian targets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from triangulate.extract.events.triggers import TriggerTable
from triangulate.read.actors import UNKNOWN_COUNTRY, ActorDictionary
from triangulate.records import Actor, Event, Place, ReadDoc

NAME_PARTICLES = frozenset({"al", "el", "as", "ash", "ad", "an", "ar", "at", "the", "of", "de", "del", "da", "do", "la", "le"})
RIOT_WINDOW_CHARS = 300  # how far after a protest's sentence the crowd's violence still belongs to it


@dataclass
class ImplicitSides:
    """The sides a report leaves implicit, filled after ACLED's conventions (triggers.yaml `sides`)."""

    table: TriggerTable
    actors: ActorDictionary

    def violent_protests(self, events: list[Event], text: str) -> set[str]:
        """A protest whose sentence or the text just after it tells of violence by the crowd
        ("... demonstrated. The demonstrators burned tires", "Rioters pelted stones") was a riot."""
        cues = self.table.sides.riot_cues
        violent: set[str] = set()
        if not cues:
            return violent
        single = tuple(c for c in cues if " " not in c)
        phrases = [c for c in cues if " " in c]
        for event in events:
            if event.type != "PROTEST" or (event.mode or "") in self.table.sides.riot_modes or not event.evidence:
                continue
            span = event.evidence[0]
            window = text[span.start : span.end + RIOT_WINDOW_CHARS].lower()
            words = re.findall(r"[a-z][a-z'-]*", window)
            if any(w.startswith(single) for w in words) or any(p in window for p in phrases):
                violent.add(event.id)
        return violent

    def fill(self, events: list[Event], read: ReadDoc, violent: set[str] | None = None) -> None:
        """Fill the sides the text leaves implicit, after ACLED's conventions: whoever protests
        is a protester (a rioter in a riot); a protest's other side is only the force that
        intervened; an attack by no one named is an unidentified armed group's; "X was
        arrested" is the police's doing; an unarmed target of violence is civilians."""
        sides = self.table.sides
        main_country = _main_country(read.places)
        for event in events:
            iso3 = self.actors.iso3_of_iso2(event.place.country if event.place else None) or (
                self.actors.iso3_of_iso2(main_country) or UNKNOWN_COUNTRY
            )
            source = read.actors.get(event.source_actor or "")
            if event.type == "PROTEST":
                riot = (event.mode or "") in sides.riot_modes
                # a protest the crowd turned violent ("... burned tires") was done by rioters
                role = sides.riot_source if riot or event.id in (violent or ()) else sides.protest_source
                if source is None and not event.source_text:
                    event.default_source = self._role_actor(read, iso3, role, source)
                elif source is None or not self._is_role(source, role):
                    event.source_actor = self._role_actor(read, iso3, role, source)
                if riot:
                    self._civilian_target(event, read, iso3)
                else:
                    event.target_actor, event.default_target = self._intervening_actor(event, events)
            elif event.type == "ASSAULT":
                if self._mob(source, event.source_text):
                    # "locals beat up a suspected thief", "two groups of villagers clashed": a mob
                    event.source_actor = self._role_actor(read, iso3, sides.riot_source, source)  # "Indian nationals": India's
                    source = read.actors.get(event.source_actor or "")
                post_role = self._state_post(event.target_text) if event.target_actor is None else None
                if post_role is not None:
                    event.target_actor = self._role_actor(read, iso3, post_role, None)
                self._civilian_target(event, read, iso3)
                target = read.actors.get(event.target_actor or "")
                # an attack on civilians (or on no one named) by no one named; who attacked a
                # named armed group is left open
                if source is None and target is None and self._unnamed_clash(event):
                    # "a shoot-out took place in X": two sides, neither named
                    event.default_source = event.default_target = self._role_actor(
                        read, iso3, sides.unnamed_clash_role or sides.unnamed_attacker, None
                    )
                elif source is None and (target is None or self._is_role(target, sides.unarmed_target)):
                    role = dict(sides.unnamed_attacker_by_mode).get(event.mode or "", sides.unnamed_attacker)
                    if sides.unnamed_exploder and event.mode == "explosives" and self._bare_explosion(event):
                        role = sides.unnamed_exploder
                    self._unnamed_source(event, self._role_actor(read, iso3, role, None))
                elif source is None and target is not None:
                    # "police officers were shot", "two militants were killed in an operation"
                    role_of = next((r for s, r in sides.unnamed_attacker_of if s in target.sectors), None)
                    if role_of is not None:
                        self._unnamed_source(event, self._role_actor(read, iso3, role_of, None))
            elif event.type == "COERCE" and event.mode == "arrest":
                if source is None:
                    self._unnamed_source(event, self._role_actor(read, iso3, sides.unnamed_arrester, None))
                self._civilian_target(event, read, iso3)

    @staticmethod
    def _unnamed_source(event: Event, actor: str | None) -> None:
        """A doer the text names but no dictionary knows ("gunmen") is that role's actor; one the text
        does not name at all is only the convention's default, never the event's stated doer."""
        if event.source_text:
            event.source_actor = actor
        else:
            event.default_source = actor

    def _unnamed_clash(self, event: Event) -> bool:
        words = self.table.sides.unnamed_clash_words
        trigger = (event.trigger.text if event.trigger else "").lower()
        return bool(words and trigger) and trigger.startswith(words) and event.source_text is None and event.target_text is None

    def _mob(self, actor: Actor | None, text: str | None) -> bool:
        """A side named by its people ("locals", "a group of villagers"), neither armed nor a named group."""
        sides = self.table.sides
        if not text or not sides.mob_words or (actor is not None and not actor.provisional and not self._is_role(
            actor, sides.unarmed_target
        )):
            return False
        words = text.lower().split()
        return any(w.startswith(sides.mob_words) for w in words) and not any(
            w.startswith(sides.not_mob_words) for w in words
        )

    def _state_post(self, text: str | None) -> str | None:
        """ "the governmental positions", "an army checkpoint", "the gendarmerie station": a state
        modifier before an armed or official head; the role of the state organ it names."""
        words = (text or "").lower().split()
        sides = self.table.sides
        if len(words) < 2 or not words[-1].startswith((*sides.armed_words, "station", "office", "post")):
            return None
        roles = dict(sides.state_post_modifiers)
        return next((roles[w] for w in words[:-1] if w in roles), None)

    def _bare_explosion(self, event: Event) -> bool:
        """An explosion whose sentence names no device (IED, mine, grenade, bomb): shelling."""
        words = " ".join(s.text for s in event.evidence).lower().split()
        return not any(w.startswith(self.table.sides.device_words) for w in words)

    def _is_role(self, actor: Actor, role: str) -> bool:
        spec = self.actors.vocabulary.roles.get(role, {})
        return bool(set(actor.sectors) & set(spec.get("sectors", [])))

    def _role_actor(self, read: ReadDoc, iso3: str, role: str, current: Actor | None) -> str | None:
        """The role actor of the event's country; a country the current actor names wins."""
        if current is not None and current.country:
            iso3 = self.actors.iso3_of_iso2(current.country) or iso3
        actor = self.actors.get(f"{iso3}.{role}")
        if actor is None:
            return current.id if current is not None else None
        read.actors.setdefault(actor.id, actor)
        return actor.id

    def _armed(self, actor: Actor | None, text: str | None) -> bool:
        sides = self.table.sides
        if actor is not None and actor.sectors:
            return bool({s.lower() for s in actor.sectors} & sides.armed_sectors)
        if actor is not None and actor.kind in ("military", "police"):
            return True
        return any(w.startswith(sides.armed_words) for w in (text or "").lower().split())

    def _civilian_target(self, event: Event, read: ReadDoc, iso3: str) -> None:
        """An unarmed target (people, a village, a house, an official) stands for civilians."""
        if event.target_actor is None and not event.target_text:
            return
        target = read.actors.get(event.target_actor or "")
        words = (event.target_text or "").lower().split()
        off_duty = any(w.startswith(self.table.sides.civilian_words) for w in words) if self.table.sides.civilian_words else False
        if not off_duty and ((target is not None and not target.provisional) or self._armed(target, event.target_text)):
            return  # a named actor stays itself (an off-duty officer is a civilian)
        if target is not None and self._is_role(target, self.table.sides.unarmed_target):
            return
        words = (event.target_text or "").lower().split()
        if words and (words[-1] in self.table.sides.object_targets or words[-1].rstrip("s") in self.table.sides.object_targets):
            event.target_actor = None  # "burned tires": things, no victim
            return
        if self._harmless_place(event, read):
            event.target_actor = None
            return
        event.target_actor = self._role_actor(read, iso3, self.table.sides.unarmed_target, None)

    def _harmless_place(self, event: Event, read: ReadDoc) -> bool:
        """Fire at a place (a village, a house, a named town) that killed and hurt no one."""
        sides = self.table.sides
        if event.type != "ASSAULT" or (event.mode or "") not in sides.harmless_modes:
            return False
        if event.fatalities or event.injured:
            return False
        if event.trigger is not None and event.trigger.text.lower().startswith(("shot", "shoot", "attack", "raid", "storm", "invad", "ambush")):
            return False  # "gunmen shot X", "gunmen attacked the village of X": X was hit
        if event.fatalities is None and event.injured is None:
            # no count: harmless only when the sentence names no casualty ("a man was killed")
            casualty = self.table.fatality_words | self.table.injury_words
            sentence = {w.strip(".,;:()") for s in event.evidence for w in s.text.lower().split()}
            forms = {f for w in sentence for f in (w, w.rstrip("s"), w.rstrip("ed"), w.removesuffix("ing"))}
            if forms & casualty:
                return False
        raw = event.target_text or ""
        text = raw.lower()
        words = text.replace("-", " ").split()
        if any(w in sides.place_targets or w.rstrip("s") in sides.place_targets for w in words[:2] + words[-1:]):
            return True  # "the village of X", "residential areas", "a house"
        bare = text[4:] if text.startswith("the ") else text
        if bare and any(p.text.lower() == bare for p in read.places):
            return True
        # "shelled Kafr Nabl": a bare name that names no actor is a place
        names = [w for w in raw.replace("-", " ").split() if w.lower() not in NAME_PARTICLES]
        target = read.actors.get(event.target_actor or "")
        return bool(names) and all(w[:1].isupper() for w in names) and (target is None or target.provisional)

    def _intervening_actor(self, protest: Event, events: list[Event]) -> tuple[str | None, str | None]:
        """The force that intervened in a protest: (named in the text, given by convention)."""
        for other in events:
            if other is protest or not _near_after(other, protest):
                continue
            kind = f"{other.type}/{other.mode}"
            if any(kind == t or other.type == t for t in self.table.sides.intervention_types):
                mine = protest.source_actor or protest.default_source
                if other.source_actor is not None:
                    return (other.source_actor if other.source_actor != mine else None), None
                return None, (other.default_source if other.default_source != mine else None)
        return None, None


def _main_country(places: list[Place]) -> str | None:
    """The country a report names most among its resolved places (first named on a tie)."""
    counts: dict[str, int] = {}
    for place in sorted(places, key=lambda p: p.start):
        if place.country:
            counts[place.country] = counts.get(place.country, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _near_after(event: Event, anchor: Event, chars: int = 300) -> bool:
    """In the anchor's sentence, or starting within `chars` after it."""
    if not event.evidence or not anchor.evidence:
        return False
    a, e = anchor.evidence[0], event.evidence[0]
    return e.start == a.start or 0 <= e.start - a.end <= chars
