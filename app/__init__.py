"""UI-side code shared by pages: figure builders, widgets, state, strings. Imports lstm_core, never pages."""
