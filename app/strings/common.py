"""Strings of the frame: navigation, language switch, the home page, shared words."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "LSTM Lens", "pt": "LSTM Lens"},
    "app.tagline": {
        "en": "See inside an LSTM: every gate, every timestep.",
        "pt": "Veja por dentro de uma LSTM: cada porta, a cada passo de tempo.",
    },
    "app.language": {"en": "Language", "pt": "Idioma"},
    "nav.home": {"en": "Home", "pt": "Início"},
    "nav.step_through": {"en": "Step through an LSTM", "pt": "Passo a passo na LSTM"},
    "nav.train_forecast": {"en": "Train & forecast", "pt": "Treinar e prever"},
    "nav.rnn_vs_lstm": {"en": "Why a plain RNN forgets", "pt": "Por que a RNN simples esquece"},
    "nav.lessons": {"en": "Lessons", "pt": "Lições"},
    "nav.glossary": {"en": "Glossary", "pt": "Glossário"},
    "home.intro": {
        "en": (
            "An LSTM decides, at every timestep, what to forget, what to write and what to show. "
            "LSTM Lens records those decisions (the forget gate f_t, input gate i_t, candidate C̃_t, "
            "output gate o_t, cell state C_t and hidden state h_t) and lets you watch them."
        ),
        "pt": (
            "Uma LSTM decide, a cada passo de tempo, o que esquecer, o que escrever e o que mostrar. "
            "O LSTM Lens registra essas decisões (a porta de esquecimento f_t, a porta de entrada i_t, "
            "o candidato C̃_t, a porta de saída o_t, o estado da célula C_t e o estado oculto h_t) "
            "e deixa você observá-las."
        ),
    },
    "home.pages": {"en": "Pages", "pt": "Páginas"},
    "home.equations": {"en": "The cell, in six equations", "pt": "A célula, em seis equações"},
    "home.desc.step_through": {
        "en": "Pick a sequence and weights, step through time and watch all six quantities as heatmaps.",
        "pt": "Escolha uma sequência e pesos, avance no tempo e veja as seis grandezas como mapas de calor.",
    },
    "home.desc.train_forecast": {
        "en": "Upload a CSV series, train a Keras LSTM, forecast against baselines, open the trained gates.",
        "pt": "Envie uma série em CSV, treine uma LSTM no Keras, preveja contra referências e abra as portas treinadas.",
    },
    "home.desc.rnn_vs_lstm": {
        "en": "RNN, GRU and LSTM side by side: how much of an early input survives, and gradients through time.",
        "pt": "RNN, GRU e LSTM lado a lado: quanto de uma entrada antiga sobrevive, e gradientes ao longo do tempo.",
    },
    "home.desc.lessons": {
        "en": "Guided walk-throughs for a class, about five minutes each.",
        "pt": "Roteiros guiados para a aula, cerca de cinco minutos cada.",
    },
    "home.desc.glossary": {
        "en": "Every term in English and Portuguese, with its equation.",
        "pt": "Cada termo em inglês e português, com sua equação.",
    },
    # the name of every quantity a cell records; its symbol comes from lstm_core.cells.gates (app/quantities.py)
    "quantity.f": {"en": "forget gate", "pt": "porta de esquecimento"},
    "quantity.i": {"en": "input gate", "pt": "porta de entrada"},
    "quantity.c_tilde": {"en": "candidate", "pt": "candidato"},
    "quantity.o": {"en": "output gate", "pt": "porta de saída"},
    "quantity.c": {"en": "cell state", "pt": "estado da célula"},
    "quantity.h": {"en": "hidden state", "pt": "estado oculto"},
    "quantity.z": {"en": "update gate", "pt": "porta de atualização"},
    "quantity.r": {"en": "reset gate", "pt": "porta de reinício"},
    "quantity.h_tilde": {"en": "candidate", "pt": "candidato"},
    "app.present": {"en": "Presentation mode", "pt": "Modo apresentação"},
    "app.present_help": {
        "en": "For a projector: larger text, thicker lines, fewer controls. Add ?present=1 to a link to open in it.",
        "pt": "Para projetor: texto maior, linhas mais grossas, menos controles. Acrescente ?present=1 a um link para abrir assim.",
    },
    "app.more_controls": {"en": "More controls", "pt": "Mais controles"},
    "word.timestep": {"en": "timestep", "pt": "passo de tempo"},
    "word.unit": {"en": "unit", "pt": "unidade"},
    "word.value": {"en": "value", "pt": "valor"},
    "word.input": {"en": "input", "pt": "entrada"},
}
