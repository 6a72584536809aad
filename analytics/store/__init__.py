"""The one writer: the versioned SQL store (store) and the integer fact key (keys)."""
