"""The Gradio chat: a thin adapter over `Veiviser.ask` (render, handlers, feedback, app)."""
