"""Format readers behind `quotes.sources`: decoding, markdown masks, HTML extraction, JSONL records.

Each reader turns bytes or text of one format into `Source` records or their parts; finding
files, choosing a reader and the size guard live in `quotes.sources`.
"""
