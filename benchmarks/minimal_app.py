"""Baseline for the cold-start benchmark: the smallest Streamlit app that draws one plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("Baseline")
st.plotly_chart(go.Figure(go.Scatter(x=list(range(2015, 2026)), y=[5, 4.9, 4.9, 4.7, 4.4, 5.2, 5.9, 5.7, 5.8, 5.4, 5.1])))
