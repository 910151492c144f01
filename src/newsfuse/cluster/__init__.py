"""Online story clustering: group articles about the same real-world event, one pass."""

from .clusterer import (
    Assignment,
    ClusterConfig,
    RevisionWeights,
    StoryClusterer,
    Weights,
    cluster_articles,
    embed,
    iter_cluster,
    load_weights,
)
from .text import embedding_text

__all__ = [
    "Assignment",
    "ClusterConfig",
    "RevisionWeights",
    "StoryClusterer",
    "Weights",
    "cluster_articles",
    "embed",
    "embedding_text",
    "iter_cluster",
    "load_weights",
]
