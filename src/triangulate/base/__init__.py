"""The bottom layer every stage may use: data-file loading, distances, number words. Imports no stage."""
