"""Every plotly figure: the one theme (charts: palette, base_layout, source line, trend),
maps and the figures of the poverty, programme and target sections."""
