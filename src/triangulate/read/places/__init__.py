"""places: geoparsing to GeoNames (the Geoparser facade and the names other stages import)."""

from __future__ import annotations

from triangulate.read.places.geoparser import Geoparser
from triangulate.read.places.mentions import entity_pieces
from triangulate.read.places.model import PlaceContext
from triangulate.read.places.relations import SIDE_KM, container_starts

__all__ = ["SIDE_KM", "Geoparser", "PlaceContext", "container_starts", "entity_pieces"]
