# Every binding error of a file is reported, sorted by position, each with its caret.
cat > errors.kg <<'KG'
Broadcom desings "TPU v7" per seed2025 actual.
Broadcom designs "TPU v77" per seed2025 actual.
Broadcom designs "TPU v7" in 2025-13 per seed2025 actual.
Broadcom designs "TPU v7" per seed2052 actual.
Broadcom designs "TPU v7" per seed2025 acutal.
develops(Google) per seed2025.
KG
$CHIPGRAPH run errors.kg
