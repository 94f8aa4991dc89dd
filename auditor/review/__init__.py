"""What a reviewer hands on: the Catatan Hasil Reviu and per-report review packs."""
