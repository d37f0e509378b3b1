"""`make bench`: Uppsikt's speed, each figure beside a floor measured in the same run on
the same machine (a bare Django view, a raw insert), since these machines are noisy.

Prints one JSON object. Each suite adds its entries; the first is the dashboard."""
