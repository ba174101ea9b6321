"""Strings of the step-through page (prefix ``step.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "step.title": {"en": "Step through an LSTM", "pt": "Passo a passo na LSTM"},
    "step.intro": {
        "en": (
            "Pick a sequence and a set of weights in the sidebar, then move through time: every heatmap, "
            "the strip of values at t, the cell diagram and the equations follow the current timestep. "
            "Keys ← and → step back and forth."
        ),
        "pt": (
            "Escolha uma sequência e um conjunto de pesos na barra lateral e avance no tempo: todos os mapas "
            "de calor, a faixa de valores em t, o diagrama da célula e as equações acompanham o passo de tempo atual. "
            "As teclas ← e → voltam e avançam."
        ),
    },
    # --- weights
    "step.w.header": {"en": "Weights", "pt": "Pesos"},
    "step.w.label": {"en": "Where the weights come from", "pt": "De onde vêm os pesos"},
    "step.w.random": {"en": "Seeded random", "pt": "Aleatórios (semente)"},
    "step.w.preset": {"en": "Teaching preset", "pt": "Exemplo didático"},
    "step.w.one_unit": {"en": "One unit, by hand", "pt": "Uma unidade, à mão"},
    "step.w.trained": {"en": "Your trained model", "pt": "Seu modelo treinado"},
    "step.w.trained_note": {
        "en": "Trained on the forecast page: {label}.",
        "pt": "Treinado na página de previsão: {label}.",
    },
    "step.w.upload": {"en": "Your model file", "pt": "Seu arquivo de modelo"},
    "step.w.units": {"en": "Units (1 to 256)", "pt": "Unidades (1 a 256)"},
    "step.w.seed": {"en": "Seed", "pt": "Semente"},
    "step.w.random_note": {
        "en": "Glorot-uniform W, orthogonal U, forget bias 1: what a freshly built Keras LSTM starts with.",
        "pt": "W glorot-uniforme, U ortogonal, viés de esquecimento 1: como começa uma LSTM recém-criada no Keras.",
    },
    "step.w.random_label": {"en": "random, {units} units, seed {seed}", "pt": "aleatórios, {units} unidades, semente {seed}"},
    "step.w.preset_label": {"en": "Preset", "pt": "Exemplo"},
    "step.preset.remember": {"en": "remember: keep a spike", "pt": "lembrar: guardar um pico"},
    "step.preset.forget": {"en": "forget: keep nothing", "pt": "esquecer: nada fica"},
    "step.preset.latch": {"en": "latch: set, hold, reset", "pt": "trava: liga/desliga"},
    "step.preset.accumulate": {"en": "accumulate: running sum", "pt": "acumular: soma corrente"},
    "step.preset.showcase": {"en": "showcase: all four", "pt": "vitrine: os quatro"},
    # the teaching presets' units, by name (the heatmaps' rows, the strip's columns, the unit chooser)
    "step.unit_name.remember": {"en": "remember", "pt": "lembrar"},
    "step.unit_name.forget": {"en": "forget", "pt": "esquecer"},
    "step.unit_name.latch": {"en": "latch", "pt": "trava"},
    "step.unit_name.accumulate": {"en": "accumulate", "pt": "acumular"},
    "step.preset.remember.about": {
        "en": "f ≈ 1 always; the input gate opens only for x ≳ 0.5, so a spike is written once and kept. Try the impulse sequence.",
        "pt": "f ≈ 1 sempre; a porta de entrada só abre para x ≳ 0,5, então um pico é escrito uma vez e guardado. Experimente a sequência impulso.",
    },
    "step.preset.forget.about": {
        "en": "f ≈ 0 and i ≈ 1: Cₜ ≈ tanh(4 xₜ); nothing of Cₜ₋₁ survives a step.",
        "pt": "f ≈ 0 e i ≈ 1: Cₜ ≈ tanh(4 xₜ); nada de Cₜ₋₁ sobrevive a um passo.",
    },
    "step.preset.latch.about": {
        "en": "x = +1 sets the cell, x = 0 holds it, x = -1 resets it. Try the set / hold / reset sequence.",
        "pt": "x = +1 liga a célula, x = 0 mantém, x = -1 desliga. Experimente a sequência liga / mantém / desliga.",
    },
    "step.preset.accumulate.about": {
        "en": "f ≈ 1 and i ≈ 1: Cₜ ≈ Cₜ₋₁ + tanh(xₜ), a running sum of the squashed inputs. Try the step sequence.",
        "pt": "f ≈ 1 e i ≈ 1: Cₜ ≈ Cₜ₋₁ + tanh(xₜ), uma soma corrente das entradas comprimidas. Experimente a sequência degrau.",
    },
    "step.preset.showcase.about": {
        "en": "Four one-unit cells side by side (remember, forget, latch, accumulate) reading the same input.",
        "pt": "Quatro células de uma unidade lado a lado (lembrar, esquecer, trava, acumular) lendo a mesma entrada.",
    },
    "step.w.one_unit_name": {"en": "the unit", "pt": "a unidade"},
    "step.w.one_unit_help": {
        "en": "One input, one unit: each gate has a weight W on xₜ, a weight U on hₜ₋₁ and a bias b. Move one number and watch the effect.",
        "pt": "Uma entrada, uma unidade: cada porta tem um peso W sobre xₜ, um peso U sobre hₜ₋₁ e um viés b. Mova um número e veja o efeito.",
    },
    "step.w.param_W": {"en": "weight on the input xₜ", "pt": "peso sobre a entrada xₜ"},
    "step.w.param_U": {"en": "weight on the previous hidden state hₜ₋₁", "pt": "peso sobre o estado oculto anterior hₜ₋₁"},
    "step.w.param_b": {"en": "bias", "pt": "viés"},
    "step.w.upload_label": {"en": "Keras model (.keras, .h5, .hdf5)", "pt": "Modelo Keras (.keras, .h5, .hdf5)"},
    "step.w.upload_help": {
        "en": "The file is read as data: its layers are checked against Keras' built-in layers and replayed here in NumPy, and nothing in it ever runs. Save the whole model with model.save('name.keras') or model.save('name.h5').",
        "pt": "O arquivo é lido como dados: suas camadas são conferidas com as camadas próprias do Keras e reproduzidas aqui em NumPy, e nada nele é executado. Salve o modelo inteiro com model.save('nome.keras') ou model.save('nome.h5').",
    },
    "step.w.opening": {"en": "Opening the model…", "pt": "Abrindo o modelo…"},
    "step.w.model_one": {
        "en": "{file}: model “{name}”, one recurrent layer.",
        "pt": "{file}: modelo “{name}”, uma camada recorrente.",
    },
    "step.w.model_many": {
        "en": "{file}: model “{name}”, {n} recurrent layers and directions; pick one above the charts.",
        "pt": "{file}: modelo “{name}”, {n} camadas recorrentes e sentidos; escolha um acima dos gráficos.",
    },
    "step.w.layer": {"en": "Layer to view", "pt": "Camada a ver"},
    "step.w.layer_item": {"en": "LSTM layer {k} ({units} units)", "pt": "camada LSTM {k} ({units} unidades)"},
    "step.w.units_item": {"en": "{units} units", "pt": "{units} unidades"},
    "step.w.direction.forward": {"en": "forward", "pt": "para a frente"},
    "step.w.direction.backward": {"en": "backward", "pt": "para trás"},
    "step.w.branch_item": {"en": "branch {branch} · {item}", "pt": "ramo {branch} · {item}"},
    "step.error.upload_missing": {
        "en": "Upload a model file (.keras, .h5 or .hdf5) in the sidebar to see inside its recurrent layers, or pick another source of weights.",
        "pt": "Envie um arquivo de modelo (.keras, .h5 ou .hdf5) na barra lateral para ver por dentro suas camadas recorrentes, ou escolha outra origem dos pesos.",
    },
    # --- sequence
    "step.seq.header": {"en": "Sequence", "pt": "Sequência"},
    "step.seq.label": {"en": "Input sequence", "pt": "Sequência de entrada"},
    "step.seq.sine": {"en": "Sine wave", "pt": "Senoide"},
    "step.seq.fibonacci": {"en": "Fibonacci", "pt": "Fibonacci"},
    "step.seq.airline": {"en": "Air passengers 1949-60", "pt": "Passageiros 1949-1960"},
    "step.seq.step": {"en": "Step", "pt": "Degrau"},
    "step.seq.impulse": {"en": "Impulse", "pt": "Impulso"},
    "step.seq.set_hold_reset": {"en": "Set / hold / reset", "pt": "Liga / mantém / desliga"},
    "step.seq.noise": {"en": "Noise", "pt": "Ruído"},
    "step.seq.typed": {"en": "Numbers typed by hand", "pt": "Números digitados"},
    "step.seq.csv": {"en": "A column of a CSV", "pt": "Coluna de um CSV"},
    "step.seq.length": {"en": "Length", "pt": "Comprimento"},
    "step.seq.length_help": {"en": "Number of timesteps, at most {max}.", "pt": "Número de passos de tempo, no máximo {max}."},
    "step.seq.seed": {"en": "Noise seed", "pt": "Semente do ruído"},
    "step.seq.typed_label": {"en": "Numbers", "pt": "Números"},
    "step.seq.typed_help": {
        "en": "Separate numbers with commas or spaces, e.g. 1, 2.5, -3; with semicolons a comma is a decimal comma (1,5; 2,25).",
        "pt": "Separe os números com vírgulas ou espaços, ex.: 1, 2.5, -3; com ponto e vírgula, a vírgula é decimal (1,5; 2,25).",
    },
    "step.seq.csv_label": {"en": "CSV file", "pt": "Arquivo CSV"},
    "step.seq.csv_column": {"en": "Numeric column", "pt": "Coluna numérica"},
    "step.seq.csv_columns": {"en": "Numeric columns, in order ({d})", "pt": "Colunas numéricas, em ordem ({d})"},
    "step.seq.csv_columns_help": {
        "en": "The model takes {d} numbers per step: pick the {d} columns in the order it was trained on.",
        "pt": "O modelo recebe {d} números por passo: escolha as {d} colunas na ordem em que ele foi treinado.",
    },
    "step.error.csv_few_columns": {
        "en": "This CSV has {got} numeric columns but the model takes {d} numbers per step: upload a file with at least {d} numeric columns.",
        "pt": "Este CSV tem {got} colunas numéricas, mas o modelo recebe {d} números por passo: envie um arquivo com pelo menos {d} colunas numéricas.",
    },
    "step.error.columns_count": {
        "en": "Pick {d} columns (now {got}): the model takes {d} numbers per step.",
        "pt": "Escolha {d} colunas (agora {got}): o modelo recebe {d} números por passo.",
    },
    "step.error.tokens_empty": {
        "en": "The list of token ids is empty: type whole numbers separated by commas, e.g. 12, 5, 7, 0.",
        "pt": "A lista de ids está vazia: digite números inteiros separados por vírgulas, ex.: 12, 5, 7, 0.",
    },
    "step.error.token_item": {
        "en": "Item {position}, “{item}”, is not a token id: type whole numbers from the model's vocabulary, e.g. 12, 5, 7, 0.",
        "pt": "O item {position}, “{item}”, não é um id de token: digite números inteiros do vocabulário do modelo, ex.: 12, 5, 7, 0.",
    },
    "step.error.tokens_too_many": {
        "en": "The list has {n} token ids; at most {max} can be traced: shorten it.",
        "pt": "A lista tem {n} ids; no máximo {max} podem ser rastreados: encurte-a.",
    },
    "step.error.token_range": {
        "en": "Token id {value} is outside the model's vocabulary: use ids from 0 to {top}.",
        "pt": "O id {value} está fora do vocabulário do modelo: use ids de 0 a {top}.",
    },
    "step.error.token_column": {
        "en": "Column “{column}” holds numbers that are not whole: pick a column of token ids.",
        "pt": "A coluna “{column}” tem números que não são inteiros: escolha uma coluna de ids de tokens.",
    },
    "step.error.window_short": {
        "en": "The sequence has {n} values but one window needs {k}: use a longer sequence.",
        "pt": "A sequência tem {n} valores, mas uma janela precisa de {k}: use uma sequência mais longa.",
    },
    "step.seq.from_model": {
        "en": "The sequence is the trained model's own series: {label}.",
        "pt": "A sequência é a própria série do modelo treinado: {label}.",
    },
    "step.error.typed_item": {
        "en": "Item {position}, “{item}”, is not a number: type numbers separated by commas, e.g. 1, 2.5, -3.",
        "pt": "O item {position}, “{item}”, não é um número: digite números separados por vírgulas, ex.: 1, 2.5, -3.",
    },
    "step.error.typed_empty": {
        "en": "The list is empty: type numbers separated by commas, e.g. 1, 2, 3.",
        "pt": "A lista está vazia: digite números separados por vírgulas, ex.: 1, 2, 3.",
    },
    "step.error.typed": {
        "en": "The list could not be read ({detail}); type numbers separated by commas, e.g. 1, 2, 3.",
        "pt": "Não foi possível ler a lista ({detail}); digite números separados por vírgulas, ex.: 1, 2, 3.",
    },
    "step.error.csv_missing": {
        "en": "Upload a CSV file in the sidebar, then pick one of its numeric columns.",
        "pt": "Envie um arquivo CSV na barra lateral e escolha uma de suas colunas numéricas.",
    },
    "step.error.csv_unreadable": {
        "en": "That file could not be read as CSV: save it as comma- or semicolon-separated text and upload it again.",
        "pt": "Não foi possível ler esse arquivo como CSV: salve-o como texto separado por vírgulas ou ponto e vírgula e envie de novo.",
    },
    "step.error.csv_no_numbers": {
        "en": "That CSV has no column of numbers: upload a file with at least one numeric column.",
        "pt": "Esse CSV não tem coluna de números: envie um arquivo com pelo menos uma coluna numérica.",
    },
    "step.warn.csv_truncated": {
        "en": "The column has {n} numbers; the first 10,000 are used.",
        "pt": "A coluna tem {n} números; são usados os primeiros 10.000.",
    },
    "step.error.log_negative": {
        "en": "Log scaling needs values ≥ 0, but this series goes down to {low}: choose min-max or standard scaling.",
        "pt": "A escala logarítmica exige valores ≥ 0, mas esta série chega a {low}: escolha min-máx ou padronização.",
    },
    "step.scaling.label": {"en": "Scaling", "pt": "Escala"},
    "step.scaling.none": {"en": "None", "pt": "Nenhuma"},
    "step.scaling.minmax": {"en": "Min-max to [0, 1]", "pt": "Min-máx para [0, 1]"},
    "step.scaling.standard": {"en": "z-score (mean 0, sd 1)", "pt": "z-score (média 0, dp 1)"},
    "step.scaling.log": {"en": "Log, then min-max", "pt": "Log, depois min-máx"},
    "step.scaling.model_note": {
        "en": "A model trained on scaled data expects its input scaled the same way: pick the scaling it was trained with.",
        "pt": "Um modelo treinado com dados em escala espera a entrada na mesma escala: escolha a escala com que ele foi treinado.",
    },
    "step.scaling.note": {
        "en": "Why scale: gates saturate for large inputs (σ(50) = 1), and Fibonacci grows exponentially, so unscaled it pins every gate at 0 or 1 within a few steps.",
        "pt": "Por que escalar: as portas saturam com entradas grandes (σ(50) = 1), e Fibonacci cresce exponencialmente; sem escala, prende todas as portas em 0 ou 1 em poucos passos.",
    },
    "step.warn.features": {
        "en": "This model takes {d} inputs per step but the sequence has {got}: the sequence feeds the first input and the others are 0.",
        "pt": "Este modelo recebe {d} entradas por passo, mas a sequência tem {got}: a sequência alimenta a primeira entrada e as outras ficam em 0.",
    },
    "step.warn.large_input": {
        "en": "The input reaches {peak}: the gates saturate at such values. Choose a scaling in the sidebar to see them move.",
        "pt": "A entrada chega a {peak}: as portas saturam com valores assim. Escolha uma escala na barra lateral para vê-las se mexer.",
    },
    # --- stepper
    "step.prev": {"en": "Back", "pt": "Voltar"},
    "step.next": {"en": "Next", "pt": "Avançar"},
    "step.prev_help": {"en": "One timestep back (key ←)", "pt": "Um passo de tempo para trás (tecla ←)"},
    "step.next_help": {"en": "One timestep forward (key →)", "pt": "Um passo de tempo para a frente (tecla →)"},
    "step.t_label": {"en": "Timestep t (of {steps})", "pt": "Passo de tempo t (de {steps})"},
    "step.t_playing": {"en": "Playing: t = {t} of {steps}", "pt": "Tocando: t = {t} de {steps}"},
    "step.single_step": {"en": "The sequence has a single timestep.", "pt": "A sequência tem um único passo de tempo."},
    "step.play": {"en": "▶ Play", "pt": "▶ Tocar"},
    "step.pause": {"en": "❚❚ Pause", "pt": "❚❚ Pausar"},
    "step.speed": {"en": "Steps per second", "pt": "Passos por segundo"},
    "step.speed_item": {"en": "{n}/s", "pt": "{n}/s"},
    # --- units
    "step.view.header": {"en": "Units and window", "pt": "Unidades e janela"},
    "step.units.order": {"en": "Order units by", "pt": "Ordenar unidades por"},
    "step.units.order_index": {"en": "Index", "pt": "Índice"},
    "step.units.order_variance": {"en": "Variance", "pt": "Variância"},
    "step.units.order_correlation": {"en": "Correlation", "pt": "Correlação"},
    "step.units.order_help": {
        "en": "Most units of a real model are noise: put first the units whose h_t varies most, or follows the input most closely (|correlation|).",
        "pt": "A maioria das unidades de um modelo real é ruído: coloque primeiro as unidades cujo h_t mais varia, ou que mais acompanham a entrada (|correlação|).",
    },
    "step.units.show": {"en": "Units shown", "pt": "Unidades mostradas"},
    "step.units.pick": {"en": "Or pick units by hand", "pt": "Ou escolha unidades à mão"},
    "step.units.pick_placeholder": {"en": "all, in the order above", "pt": "todas, na ordem acima"},
    "step.unit.label": {"en": "Unit for the diagram and equations", "pt": "Unidade do diagrama e das equações"},
    "step.window": {"en": "Timesteps per window", "pt": "Passos de tempo por janela"},
    "step.window_help": {
        "en": "Long sequences are shown a window at a time around t; the input plot above shows the whole sequence with the window shaded.",
        "pt": "Sequências longas são mostradas uma janela por vez em torno de t; o gráfico da entrada mostra a sequência inteira com a janela sombreada.",
    },
    "step.window_all": {"en": "All {steps} timesteps are shown.", "pt": "Todos os {steps} passos de tempo são mostrados."},
    # --- figures
    "step.fig.input": {"en": "Input: {label}", "pt": "Entrada: {label}"},
    "step.fig.layer_input": {"en": "h of layer {k} (this layer's input)", "pt": "h da camada {k} (a entrada desta camada)"},
    "step.fig.model_input": {"en": "What the model feeds {name}", "pt": "O que o modelo entrega a {name}"},
    "step.fig.model_input_many": {
        "en": "What the model feeds {name} ({d} numbers per step)",
        "pt": "O que o modelo entrega a {name} ({d} números por passo)",
    },
    "step.fig.now": {"en": "Every unit at t = {t}", "pt": "Todas as unidades em t = {t}"},
    "step.now_caption": {
        "en": "t = {t} of 0…{last} · heatmaps show t = {start}…{stop}",
        "pt": "t = {t} de 0…{last} · os mapas de calor mostram t = {start}…{stop}",
    },
    "step.now_date": {"en": " · date at t: {date}", "pt": " · data em t: {date}"},
    "step.now_token": {"en": " · token id at t: {id}", "pt": " · id do token em t: {id}"},
    "step.now_window": {
        "en": " · the model reads values {first}…{last} of the series (shaded)",
        "pt": " · o modelo lê os valores {first}…{last} da série (sombreados)",
    },
    "step.tab.heatmaps": {"en": "All units over time", "pt": "Todas as unidades no tempo"},
    "step.tab.unit": {"en": "One unit: diagram and equations", "pt": "Uma unidade: diagrama e equações"},
    "step.heat_caption": {
        "en": "Units on the vertical axis, time across; the orange line is the current step. Gates use a fixed 0…1 scale (purple closed, yellow open); C̃, C and h a scale centred on 0 (blue negative, red positive).",
        "pt": "Unidades no eixo vertical, tempo na horizontal; a linha laranja é o passo atual. As portas usam uma escala fixa de 0 a 1 (roxo fechada, amarelo aberta); C̃, C e h uma escala centrada em 0 (azul negativo, vermelho positivo).",
    },
    "step.fig.diagram": {"en": "Unit {unit} at t = {t}", "pt": "Unidade {unit} em t = {t}"},
    "step.heat_caption_kinds": {
        "en": "Units on the vertical axis, time across; the orange line is the current step. Gates ({gates}) span what their activation can produce (purple closed, yellow open); {states} use a scale centred on 0 (blue negative, red positive), white to red when they cannot be negative.",
        "pt": "Unidades no eixo vertical, tempo na horizontal; a linha laranja é o passo atual. As portas ({gates}) cobrem o que sua ativação pode produzir (roxo fechada, amarelo aberta); {states} usam uma escala centrada em 0 (azul negativo, vermelho positivo), de branco a vermelho quando não podem ser negativos.",
    },
    "step.heat_caption_rnn": {
        "en": "Units on the vertical axis, time across; the orange line is the current step. {states} uses a scale centred on 0 (blue negative, red positive), white to red when it cannot be negative.",
        "pt": "Unidades no eixo vertical, tempo na horizontal; a linha laranja é o passo atual. {states} usa uma escala centrada em 0 (azul negativo, vermelho positivo), de branco a vermelho quando não pode ser negativo.",
    },
    "step.eq.header_gru": {
        "en": "**The four equations for unit {unit} at t = {t}**",
        "pt": "**As quatro equações da unidade {unit} em t = {t}**",
    },
    "step.eq.header_rnn": {
        "en": "**The equation for unit {unit} at t = {t}**",
        "pt": "**A equação da unidade {unit} em t = {t}**",
    },
    "step.eq.gru_reset_after": {
        "en": "This GRU applies its reset gate after the recurrent product (reset_after=True, Keras' default), with a recurrent bias of its own.",
        "pt": "Esta GRU aplica a porta de reinício depois do produto recorrente (reset_after=True, o padrão do Keras), com um viés recorrente próprio.",
    },
    "step.eq.gru_reset_before": {
        "en": "This GRU applies its reset gate to the previous state before the recurrent product (reset_after=False).",
        "pt": "Esta GRU aplica a porta de reinício ao estado anterior antes do produto recorrente (reset_after=False).",
    },
    "step.eq.backward_first": {
        "en": "This layer reads backwards: t = {t} is the first step it reads, so it starts from a state of zeros.",
        "pt": "Esta camada lê de trás para a frente: t = {t} é o primeiro passo que ela lê, então parte de um estado de zeros.",
    },
    "step.eq.backward": {
        "en": "This layer reads backwards: before t = {t} it read step {after}, so the previous state in these equations is its state after step {after}.",
        "pt": "Esta camada lê de trás para a frente: antes de t = {t} ela leu o passo {after}, então o estado anterior nestas equações é o seu estado depois do passo {after}.",
    },
    "step.eq.window": {
        "en": "The model reads this window as one step, from a state of zeros.",
        "pt": "O modelo lê esta janela como um passo só, a partir de um estado de zeros.",
    },
    "step.eq.masked": {
        "en": "Step t = {t} is masked (padding): the layer skipped it and carried its state over unchanged, so no equation ran here. Step to an unmasked step to see the equations.",
        "pt": "O passo t = {t} está mascarado (preenchimento): a camada o pulou e manteve seu estado sem mudança, então nenhuma equação rodou aqui. Vá a um passo não mascarado para ver as equações.",
    },
    "step.eq.header": {"en": "**The six equations for unit {unit} at t = {t}**", "pt": "**As seis equações da unidade {unit} em t = {t}**"},
    "step.eq.dot_note": {
        "en": "W·xₜ and U·hₜ₋₁ are dot products over every input and all {units} units; the numbers shown are their values.",
        "pt": "W·xₜ e U·hₜ₋₁ são produtos escalares sobre todas as entradas e as {units} unidades; os números mostrados são seus valores.",
    },
    # --- downloads
    "step.download.csv": {"en": "Trace as CSV", "pt": "Registro em CSV"},
    "step.download.npz": {"en": "Trace as NPZ", "pt": "Registro em NPZ"},
    "step.download.note_shown": {
        "en": "This trace is large: the CSV holds the {shown} units shown of {units} ({rows:,} rows, one per timestep, unit and quantity); the NPZ holds every unit, compressed. The camera icon on each chart saves a PNG.",
        "pt": "Este registro é grande: o CSV traz as {shown} unidades mostradas de {units} ({rows:,} linhas, uma por passo de tempo, unidade e grandeza); o NPZ guarda todas as unidades, comprimidas. O ícone de câmera de cada gráfico salva um PNG.",
    },
    "step.download.note": {
        "en": "The CSV has one row per timestep, unit and quantity ({rows:,} rows); the NPZ holds every array, compressed. The camera icon on each chart saves a PNG.",
        "pt": "O CSV tem uma linha por passo de tempo, unidade e grandeza ({rows:,} linhas); o NPZ guarda todos os arrays, comprimidos. O ícone de câmera de cada gráfico salva um PNG.",
    },
}
