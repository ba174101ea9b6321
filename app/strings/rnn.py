"""Strings of the "why a plain RNN forgets" page (pages/rnn_vs_lstm.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "rnn.title": {"en": "Why a plain RNN forgets", "pt": "Por que a RNN simples esquece"},
    "rnn.intro": {
        "en": (
            "A plain RNN rewrites its whole state at every step: h_t = tanh(W·x_t + U·h_{t-1} + b). "
            "Whatever came in early is multiplied by U and squashed by tanh again and again, so it fades, "
            "often by about half each step: after eight or ten steps it is gone. Training suffers the same way: "
            "the gradient that should teach the network about an early input shrinks (vanishes) or blows up "
            "(explodes) on its way back through the steps. The LSTM and the GRU add a path a gate can hold open "
            "(C_t = f_t ⊙ C_{t-1} + …, h_t = z_t ⊙ h_{t-1} + …). This page measures all of it, with numbers."
        ),
        "pt": (
            "Uma RNN simples reescreve todo o seu estado a cada passo: h_t = tanh(W·x_t + U·h_{t-1} + b). "
            "O que entrou cedo é multiplicado por U e espremido pela tanh de novo e de novo, então vai sumindo, "
            "muitas vezes pela metade a cada passo: depois de oito ou dez passos, desapareceu. O treino sofre do "
            "mesmo jeito: o gradiente que deveria ensinar a rede sobre uma entrada antiga encolhe (desaparece) ou "
            "explode no caminho de volta pelos passos. A LSTM e a GRU acrescentam um caminho que uma porta pode "
            "manter aberto (C_t = f_t ⊙ C_{t-1} + …, h_t = z_t ⊙ h_{t-1} + …). Esta página mede tudo isso, com números."
        ),
    },
    "rnn.equations": {"en": "The three cells, in equations", "pt": "As três células, em equações"},
    "rnn.cell.rnn": {"en": "Plain RNN", "pt": "RNN simples"},
    "rnn.cell.gru": {"en": "GRU", "pt": "GRU"},
    "rnn.cell.lstm": {"en": "LSTM", "pt": "LSTM"},
    "rnn.cell.lstm_c": {"en": "LSTM, cell state C_t", "pt": "LSTM, estado da célula C_t"},
    "rnn.tab.memory": {"en": "Memory of an impulse", "pt": "Memória de um impulso"},
    "rnn.tab.gradients": {"en": "Gradients through time", "pt": "Gradientes ao longo do tempo"},
    "rnn.tab.gru": {"en": "GRU gates", "pt": "Portas da GRU"},
    "rnn.tab.experiment": {"en": "Experiment: recall k steps back", "pt": "Experimento: lembrar k passos atrás"},
    # --- memory -------------------------------------------------------------------------------
    "rnn.mem.lead": {
        "en": "Feed the same input to the three cells and watch how much of the first value survives in their state.",
        "pt": "Dê a mesma entrada às três células e veja quanto do primeiro valor sobrevive no estado de cada uma.",
    },
    "rnn.mem.input": {"en": "Input", "pt": "Entrada"},
    "rnn.mem.length": {"en": "Timesteps T", "pt": "Passos de tempo T"},
    "rnn.mem.noise": {"en": "Noise after the impulse (std)", "pt": "Ruído depois do impulso (desvio padrão)"},
    "rnn.mem.units": {"en": "Units of the random cells", "pt": "Unidades das células aleatórias"},
    "rnn.mem.seed": {"en": "Seed of the random cells", "pt": "Semente das células aleatórias"},
    "rnn.mem.log": {"en": "Log scale", "pt": "Escala logarítmica"},
    "rnn.input.impulse_zeros": {"en": "impulse at t = 0, then zeros", "pt": "impulso em t = 0, depois zeros"},
    "rnn.input.impulse_noise": {"en": "impulse at t = 0, then noise", "pt": "impulso em t = 0, depois ruído"},
    "rnn.input.sine": {"en": "sine wave", "pt": "senoide"},
    "rnn.input.step": {"en": "step", "pt": "degrau"},
    "rnn.input.noise": {"en": "noise", "pt": "ruído"},
    "rnn.input.airline": {"en": "airline passengers (scaled)", "pt": "passageiros aéreos (escalado)"},
    "rnn.input.fibonacci": {"en": "Fibonacci (scaled)", "pt": "Fibonacci (escalado)"},
    "rnn.preset.random": {"en": "random (Keras initialisation)", "pt": "aleatória (inicialização do Keras)"},
    "rnn.preset.rnn.halves": {"en": "u = 0.5: halves each step", "pt": "u = 0,5: cai pela metade a cada passo"},
    "rnn.preset.rnn.strong": {"en": "u = 1: as strong as it gets", "pt": "u = 1: o mais forte possível"},
    "rnn.preset.gru.keeps": {"en": "update gate z ≈ 1: keeps", "pt": "porta de atualização z ≈ 1: guarda"},
    "rnn.preset.gru.halves": {"en": "z = 0.5: halves", "pt": "z = 0,5: cai pela metade"},
    "rnn.preset.gru.drops": {"en": "z ≈ 0: drops", "pt": "z ≈ 0: descarta"},
    "rnn.preset.lstm.keeps": {"en": "forget gate f ≈ 1: keeps", "pt": "porta de esquecimento f ≈ 1: guarda"},
    "rnn.preset.lstm.halves": {"en": "f = 0.5: halves", "pt": "f = 0,5: cai pela metade"},
    "rnn.preset.lstm.drops": {"en": "f ≈ 0: drops", "pt": "f ≈ 0: descarta"},
    "rnn.mem.fig_title": {
        "en": "How much of the impulse at t = 0 is still in the state",
        "pt": "Quanto do impulso em t = 0 ainda está no estado",
    },
    "rnn.mem.axis": {"en": "left of the impulse", "pt": "resta do impulso"},
    "rnn.mem.input_axis": {"en": "input x_t", "pt": "entrada x_t"},
    "rnn.mem.caption": {
        "en": (
            "How to read it: each cell runs twice on the same input, once with and once without the impulse at "
            "t = 0; a line is the gap between the two runs' hidden states h_t, as a share of the gap at t = 0. "
            "100% means the cell still carries all of the impulse, 0% that it is gone. A cell that halves its "
            "memory each step falls as a straight line on the log scale. The dashed line is the LSTM's cell state "
            "C_t: with the forget gate near 1 it stays flat, because C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t copies it."
        ),
        "pt": (
            "Como ler: cada célula roda duas vezes sobre a mesma entrada, uma com e outra sem o impulso em t = 0; "
            "cada linha é a diferença entre os estados ocultos h_t das duas rodadas, como fração da diferença em "
            "t = 0. 100% quer dizer que a célula ainda carrega todo o impulso; 0%, que ele sumiu. Uma célula que "
            "perde metade da memória a cada passo cai em linha reta na escala logarítmica. A linha tracejada é o "
            "estado da célula C_t da LSTM: com a porta de esquecimento perto de 1 ela fica plana, porque "
            "C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t o copia."
        ),
    },
    "rnn.mem.steps_to": {"en": "Steps until less than 1% is left", "pt": "Passos até restar menos de 1%"},
    "rnn.mem.never": {"en": "not within {steps} steps", "pt": "não em {steps} passos"},
    "rnn.mem.ignored": {
        "en": "{cell} ignores an input at t = 0 with these weights, so there is nothing to remember.",
        "pt": "{cell} ignora uma entrada em t = 0 com esses pesos, então não há nada a lembrar.",
    },
    # --- gradients ----------------------------------------------------------------------------
    "rnn.grad.lead": {
        "en": (
            "Training sends the error back through every step (backpropagation through time). How much can still "
            "reach step t is the size of ∂h_T/∂x_t: how strongly the last state depends on the input t steps back."
        ),
        "pt": (
            "O treino manda o erro de volta por todos os passos (retropropagação no tempo). Quanto ainda chega ao "
            "passo t é o tamanho de ∂h_T/∂x_t: o quanto o último estado depende da entrada de t passos atrás."
        ),
    },
    "rnn.grad.trained_hint": {
        "en": "After you run the experiment (last tab), its trained weights can be compared here too.",
        "pt": "Depois de rodar o experimento (última aba), os pesos treinados também podem ser comparados aqui.",
    },
    "rnn.grad.random_note": {
        "en": "All three cells get random weights from one recipe, on the same noisy input.",
        "pt": "As três células recebem pesos aleatórios da mesma receita, sobre a mesma entrada com ruído.",
    },
    "rnn.grad.source": {"en": "Weights", "pt": "Pesos"},
    "rnn.grad.source.random": {"en": "random, of a chosen scale", "pt": "aleatórios, na escala escolhida"},
    "rnn.grad.source.trained": {"en": "trained in the experiment", "pt": "treinados no experimento"},
    "rnn.grad.scale": {"en": "Weight scale (gain)", "pt": "Escala dos pesos (ganho)"},
    "rnn.grad.scale_help": {
        "en": "Weights are Gaussian with std scale/√fan_in. Below 1 gradients vanish; well above 1 the plain RNN explodes.",
        "pt": "Os pesos são gaussianos com desvio escala/√fan_in. Abaixo de 1 os gradientes somem; bem acima de 1 a RNN simples explode.",
    },
    "rnn.grad.keep_bias": {
        "en": "Bias of the keeping gate (LSTM f, GRU z)",
        "pt": "Viés da porta que guarda (f da LSTM, z da GRU)",
    },
    "rnn.grad.keep_bias_help": {
        "en": "Keras starts the LSTM's forget-gate bias at 1 (σ(1) ≈ 0.73); at 4, σ(4) ≈ 0.98 keeps almost everything.",
        "pt": "O Keras começa o viés da porta de esquecimento da LSTM em 1 (σ(1) ≈ 0,73); em 4, σ(4) ≈ 0,98 guarda quase tudo.",
    },
    "rnn.grad.units": {"en": "Units H", "pt": "Unidades H"},
    "rnn.grad.length": {"en": "Timesteps T", "pt": "Passos de tempo T"},
    "rnn.grad.seed": {"en": "Seed", "pt": "Semente"},
    "rnn.grad.k": {"en": "Models trained for k =", "pt": "Modelos treinados para k ="},
    "rnn.grad.wrt": {"en": "Gradient with respect to", "pt": "Gradiente em relação a"},
    "rnn.grad.wrt.x": {"en": "the input x_t", "pt": "a entrada x_t"},
    "rnn.grad.wrt.h": {"en": "the hidden state h_t", "pt": "o estado oculto h_t"},
    "rnn.grad.fig_title": {
        "en": "How much gradient reaches back T - t steps",
        "pt": "Quanto gradiente chega T - t passos para trás",
    },
    "rnn.grad.distance": {"en": "distance T - t (steps back from the last step)", "pt": "distância T - t (passos antes do último)"},
    "rnn.grad.norm_x": {"en": "‖∂h_T/∂x_t‖ (log scale)", "pt": "‖∂h_T/∂x_t‖ (escala log)"},
    "rnn.grad.norm_h": {"en": "‖∂h_T/∂h_t‖ (log scale)", "pt": "‖∂h_T/∂h_t‖ (escala log)"},
    "rnn.grad.caption": {
        "en": (
            "How to read it: the x axis counts steps back from the last one; the y axis (log scale, each grid line "
            "a factor of ten) is how strongly the last state h_T still depends on what happened there, computed "
            "exactly by backpropagation through the recorded run. A line falling straight down is a gradient "
            "vanishing geometrically: at 10⁻⁷ of its size, an early input no longer teaches float32 training "
            "anything. A rising line is an exploding gradient. Raise the weight scale to see the plain RNN explode; "
            "raise the keeping-gate bias to see the LSTM and GRU hold the gradient."
        ),
        "pt": (
            "Como ler: o eixo x conta os passos para trás a partir do último; o eixo y (escala log, cada linha de "
            "grade um fator de dez) é o quanto o último estado h_T ainda depende do que aconteceu ali, calculado "
            "exatamente por retropropagação sobre a rodada registrada. Uma linha que cai reta é um gradiente que "
            "desaparece geometricamente: a 10⁻⁷ do seu tamanho, uma entrada antiga já não ensina nada a um treino "
            "em float32. Uma linha que sobe é um gradiente que explode. Aumente a escala dos pesos para ver a RNN "
            "simples explodir; aumente o viés da porta que guarda para ver a LSTM e a GRU segurarem o gradiente."
        ),
    },
    "rnn.grad.caption_trained": {
        "en": "These are the recurrent layers trained in the experiment for k = {k}, fed a sequence of the same task.",
        "pt": "Estas são as camadas recorrentes treinadas no experimento para k = {k}, alimentadas com uma sequência da mesma tarefa.",
    },
    "rnn.grad.at": {"en": "Gradient from {d} steps back", "pt": "Gradiente de {d} passos atrás"},
    # --- GRU gates ----------------------------------------------------------------------------
    "rnn.gru.lead": {
        "en": (
            "The GRU of the Gradients tab, on the same input. The update gate z_t near 1 keeps the old state "
            "(h_t ≈ h_{t-1}); near 0 it takes the candidate h̃_t instead. The reset gate r_t decides how much of "
            "the old state the candidate may look at."
        ),
        "pt": (
            "A GRU da aba de gradientes, com a mesma entrada. A porta de atualização z_t perto de 1 guarda o estado "
            "antigo (h_t ≈ h_{t-1}); perto de 0 ela pega o candidato h̃_t no lugar. A porta de reinício r_t decide "
            "quanto do estado antigo o candidato pode ver."
        ),
    },
    "rnn.gru.caption": {
        "en": (
            "How to read it: one row per unit, one column per timestep. Gates use a fixed 0-to-1 scale (yellow is "
            "open, dark purple closed); the candidate and the state use blue below 0, white at 0, red above. Rows "
            "where z_t stays yellow are units that carry their value forward, the GRU's memory. Hover a cell for its value."
        ),
        "pt": (
            "Como ler: uma linha por unidade, uma coluna por passo de tempo. As portas usam uma escala fixa de 0 a 1 "
            "(amarelo é aberta, roxo escuro fechada); o candidato e o estado usam azul abaixo de 0, branco em 0, "
            "vermelho acima. Linhas em que z_t fica amarela são unidades que levam seu valor adiante: a memória da "
            "GRU. Passe o mouse sobre uma célula para ver o valor."
        ),
    },
    # --- experiment ---------------------------------------------------------------------------
    "rnn.exp.lead": {
        "en": (
            "The task: the first step shows one of {v} symbols and a marker; then come k steps of noise; at the end "
            "the network must name the symbol it saw k steps ago. A plain RNN, a GRU and an LSTM of the same size, "
            "each with the same readout, are trained on it for every k and tested on fresh sequences. Training runs "
            "here, on this machine (TensorFlow loads when you press the button); with the defaults it takes about "
            "a minute on a laptop, and a second run with the same settings is instant."
        ),
        "pt": (
            "A tarefa: o primeiro passo mostra um de {v} símbolos e um marcador; depois vêm k passos de ruído; no "
            "fim a rede deve dizer o símbolo que viu k passos atrás. Uma RNN simples, uma GRU e uma LSTM do mesmo "
            "tamanho, cada uma com a mesma saída, são treinadas nela para cada k e testadas em sequências novas. O "
            "treino roda aqui, nesta máquina (o TensorFlow carrega quando você aperta o botão); com os valores "
            "padrão leva cerca de um minuto num notebook, e uma segunda rodada com as mesmas configurações é instantânea."
        ),
    },
    "rnn.exp.ks": {"en": "Lags k to test", "pt": "Atrasos k a testar"},
    "rnn.exp.units": {"en": "Units per cell", "pt": "Unidades por célula"},
    "rnn.exp.epochs": {"en": "Epochs", "pt": "Épocas"},
    "rnn.exp.noise": {"en": "Noise between (std)", "pt": "Ruído no meio (desvio padrão)"},
    "rnn.exp.run": {"en": "Run the experiment", "pt": "Rodar o experimento"},
    "rnn.exp.stop": {"en": "Stop the experiment", "pt": "Parar o experimento"},
    "rnn.exp.need_k": {"en": "Pick at least one lag k to test.", "pt": "Escolha pelo menos um atraso k para testar."},
    "rnn.exp.training": {"en": "Training: {what}", "pt": "Treinando: {what}"},
    "rnn.exp.failed": {
        "en": "The experiment stopped with an error ({error}). Try fewer lags or fewer epochs, then run it again.",
        "pt": "O experimento parou com um erro ({error}). Tente menos atrasos ou menos épocas e rode de novo.",
    },
    "rnn.exp.none": {
        "en": "No results yet: pick the settings and press the button.",
        "pt": "Ainda não há resultados: escolha as configurações e aperte o botão.",
    },
    "rnn.exp.fig_title": {"en": "Recall accuracy against the lag k", "pt": "Acerto ao lembrar, em função do atraso k"},
    "rnn.exp.lag": {"en": "lag k (steps between the symbol and the answer)", "pt": "atraso k (passos entre o símbolo e a resposta)"},
    "rnn.exp.accuracy": {"en": "accuracy on fresh sequences", "pt": "acerto em sequências novas"},
    "rnn.exp.chance": {"en": "chance (guessing)", "pt": "acaso (chute)"},
    "rnn.exp.caption": {
        "en": (
            "How to read it: one line per cell, one point per k; 100% means it always names the right symbol, the "
            "dotted line is what guessing scores. A cell that can hold a value keeps its line high as k grows; the "
            "plain RNN's state is rewritten by every noisy step, so its line drops towards chance. Few epochs make "
            "any cell look worse: these are quick runs for a class, trained once each, so expect some luck in the numbers."
        ),
        "pt": (
            "Como ler: uma linha por célula, um ponto por k; 100% quer dizer que ela sempre diz o símbolo certo, e a "
            "linha pontilhada é quanto acerta um chute. Uma célula capaz de guardar um valor mantém a linha alta "
            "conforme k cresce; o estado da RNN simples é reescrito a cada passo de ruído, então a linha dela cai "
            "em direção ao acaso. Poucas épocas pioram qualquer célula: são rodadas rápidas para a aula, cada uma "
            "treinada uma vez, então há alguma sorte nos números."
        ),
    },
    "rnn.exp.time": {
        "en": (
            "This run took {seconds} s for {models} models; a model already trained on this server with the same "
            "settings (by anyone: the runs are seeded) is reused at once."
        ),
        "pt": (
            "Esta rodada levou {seconds} s para {models} modelos; um modelo já treinado neste servidor com as "
            "mesmas configurações (por qualquer pessoa: as rodadas têm semente fixa) é reaproveitado na hora."
        ),
    },
    "rnn.exp.col_k": {"en": "k", "pt": "k"},
}
