def load(*, context: dict) -> None:
    pass
