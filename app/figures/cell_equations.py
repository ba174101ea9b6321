"""The cells' equations as LaTeX for ``st.latex``, as the pages show them (no numbers in them;
the equations with a step's live numbers are :mod:`app.figures.equations`).

    LSTM        the six equations, one per line (the home page)
    LSTM_SHORT  the three sigmoid gates in one line (the RNN page, beside the GRU and the plain RNN)
    GRU         Keras' ``reset_after=True`` form: r applied to the recurrent product plus its bias
    RNN         the plain RNN
"""

LSTM = r"""\begin{aligned}
f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) \\
i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) \\
\tilde{C}_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o) \\
C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t \\
h_t &= o_t \odot \tanh(C_t)
\end{aligned}"""

LSTM_SHORT = r"""\begin{aligned}
f_t, i_t, o_t &= \sigma(W_{f,i,o}\, x_t + U_{f,i,o}\, h_{t-1} + b_{f,i,o}) \\
\tilde{C}_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c) \\
C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t \\
h_t &= o_t \odot \tanh(C_t)
\end{aligned}"""

GRU = r"""\begin{aligned}
z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z) \\
r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r) \\
\tilde{h}_t &= \tanh(W_h x_t + r_t \odot (U_h h_{t-1} + b'_h) + b_h) \\
h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t
\end{aligned}"""

RNN = r"h_t = \tanh(W x_t + U h_{t-1} + b)"
