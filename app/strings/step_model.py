"""Strings of the step-through page about a person's model file: the sentence for every reason a file is
refused, the layer picker, and fitting their input to the model (columns, token ids, windows, lengths)."""

STRINGS: dict[str, dict[str, str]] = {
    "step.tracing": {"en": "Tracing every recurrent layer…", "pt": "Rastreando cada camada recorrente…"},
    # --- a model file refused, or an input it cannot take: one sentence per reason of lstm_core.models.errors.REASONS
    "step.model_error.not_a_model": {
        "en": "That file is not a Keras model: upload a .keras archive or an .h5/.hdf5 file saved with model.save.",
        "pt": "Esse arquivo não é um modelo Keras: envie um arquivo .keras ou .h5/.hdf5 salvo com model.save.",
    },
    "step.model_error.weights_only": {
        "en": "That file holds only weights, without the model's architecture: save the whole model with model.save(\"model.keras\") and upload that file.",
        "pt": "Esse arquivo guarda só os pesos, sem a arquitetura do modelo: salve o modelo inteiro com model.save(\"modelo.keras\") e envie esse arquivo.",
    },
    "step.model_error.too_big": {
        "en": "That file is too big to open here ({what}: {size} > {limit}): upload a smaller model.",
        "pt": "Esse arquivo é grande demais para abrir aqui ({what}: {size} > {limit}): envie um modelo menor.",
    },
    "step.model_error.truncated": {
        "en": "That file is damaged or incomplete ({detail}): save the model again and upload the new file.",
        "pt": "Esse arquivo está danificado ou incompleto ({detail}): salve o modelo de novo e envie o novo arquivo.",
    },
    "step.model_error.bad_config": {
        "en": "The model's configuration cannot be read ({detail}): save the model again with model.save.",
        "pt": "Não foi possível ler a configuração do modelo ({detail}): salve o modelo de novo com model.save.",
    },
    "step.model_error.bad_weights": {
        "en": "The weights of layer “{layer}” do not match its configuration ({detail}): save the model again.",
        "pt": "Os pesos da camada “{layer}” não batem com sua configuração ({detail}): salve o modelo de novo.",
    },
    "step.model_error.lambda": {
        "en": "Layer “{layer}” is a Lambda layer, whose code is never run here: rebuild the model with built-in layers only.",
        "pt": "A camada “{layer}” é uma camada Lambda, cujo código nunca é executado aqui: refaça o modelo só com camadas próprias do Keras.",
    },
    "step.model_error.custom_object": {
        "en": "Layer “{layer}” uses “{object}”, which is not one of Keras' own built-in objects: only built-in layers, activations and initialisers can be opened here.",
        "pt": "A camada “{layer}” usa “{object}”, que não é um objeto próprio do Keras: só camadas, ativações e inicializadores próprios do Keras podem ser abertos aqui.",
    },
    "step.model_error.layer_not_allowed": {
        "en": "Layer “{layer}” ({cls}) cannot be replayed here before a recurrent layer: models made of Keras' usual layers (Embedding, Dense, Conv1D, Masking, Dropout, normalisation) open.",
        "pt": "A camada “{layer}” ({cls}) não pode ser reproduzida aqui antes de uma camada recorrente: abrem modelos feitos das camadas usuais do Keras (Embedding, Dense, Conv1D, Masking, Dropout, normalização).",
    },
    "step.model_error.argument": {
        "en": "Layer “{layer}” ({cls}) has {argument}={value}, which cannot be replayed exactly here: only the default, {default}, is supported.",
        "pt": "A camada “{layer}” ({cls}) tem {argument}={value}, que não pode ser reproduzido exatamente aqui: só o padrão, {default}, é aceito.",
    },
    "step.model_error.unknown_argument": {
        "en": "Layer “{layer}” ({cls}) has an argument this page does not know, {argument}={value}, so it cannot be replayed exactly: save the model without it.",
        "pt": "A camada “{layer}” ({cls}) tem um argumento que esta página não conhece, {argument}={value}, então não pode ser reproduzida exatamente: salve o modelo sem ele.",
    },
    "step.model_error.argument_value": {
        "en": "Layer “{layer}” ({cls}) has {argument}={value}, which cannot be replayed exactly here: rebuild the layer without that setting.",
        "pt": "A camada “{layer}” ({cls}) tem {argument}={value}, que não pode ser reproduzido exatamente aqui: refaça a camada sem essa configuração.",
    },
    "step.model_error.dtype": {
        "en": "Layer “{layer}” computes in {dtype}, which cannot be replayed exactly here: save the model with the float32 policy.",
        "pt": "A camada “{layer}” calcula em {dtype}, que não pode ser reproduzido exatamente aqui: salve o modelo com a política float32.",
    },
    "step.model_error.shared_layer": {
        "en": "Layer “{layer}” is called more than once in the model: models that share recurrent layers or inputs between calls cannot be traced here.",
        "pt": "A camada “{layer}” é chamada mais de uma vez no modelo: modelos que compartilham camadas recorrentes ou entradas entre chamadas não podem ser rastreados aqui.",
    },
    "step.model_error.graph": {
        "en": "The model's graph cannot be followed ({detail}): save a Sequential or functional model.",
        "pt": "Não foi possível seguir o grafo do modelo ({detail}): salve um modelo Sequential ou funcional.",
    },
    "step.model_error.no_recurrent": {
        "en": "That model has no LSTM, GRU or SimpleRNN layer, so there is nothing to look inside: upload a model with a recurrent layer.",
        "pt": "Esse modelo não tem camada LSTM, GRU nem SimpleRNN, então não há o que olhar por dentro: envie um modelo com uma camada recorrente.",
    },
    "step.model_error.inputs": {
        "en": "That model has {count} inputs: only models with one input can be traced here.",
        "pt": "Esse modelo tem {count} entradas: só modelos com uma entrada podem ser rastreados aqui.",
    },
    "step.model_error.input_shape": {
        "en": "The model expects {expected} per sequence, but got {got}: change the input in the sidebar.",
        "pt": "O modelo espera {expected} por sequência, mas recebeu {got}: mude a entrada na barra lateral.",
    },
    "step.model_error.input_values": {
        "en": "The input contains values that are not finite numbers ({detail}): fix or remove them.",
        "pt": "A entrada tem valores que não são números finitos ({detail}): corrija-os ou remova-os.",
    },
    "step.model_error.token_range": {
        "en": "The model's Embedding knows token ids 0 to {top}, but got {value}: use ids from its vocabulary.",
        "pt": "O Embedding do modelo conhece os ids de 0 a {top}, mas recebeu {value}: use ids do seu vocabulário.",
    },
    # --- what the page says about the layer shown
    "step.layer.fed_by": {
        "en": "What the model feeds {name}, not your raw sequence: {chain} → {name}.",
        "pt": "O que o modelo entrega a {name}, não a sua sequência crua: {chain} → {name}.",
    },
    "step.layer.steps_changed": {
        "en": "This layer runs on {steps} steps: the layers before it change the number of steps from {input_steps}.",
        "pt": "Esta camada roda em {steps} passos: as camadas antes dela mudam o número de passos, que era {input_steps}.",
    },
    "step.layer.windows": {
        "en": "Each step t is a separate run of the model on one window of {k} values of the series: the model reads one step, so its state starts from zero at every window.",
        "pt": "Cada passo t é uma execução separada do modelo sobre uma janela de {k} valores da série: o modelo lê um passo, então seu estado parte de zero em cada janela.",
    },
    "step.layer.backwards": {
        "en": "This layer reads the sequence backwards, from the last step to the first. The charts keep the input's time order; at step t the equations use the state it had after reading the steps after t.",
        "pt": "Esta camada lê a sequência de trás para a frente, do último passo ao primeiro. Os gráficos mantêm a ordem do tempo da entrada; no passo t as equações usam o estado que ela tinha depois de ler os passos após t.",
    },
    "step.layer.stateful": {
        "en": "This layer is stateful: where it was trained, its state carried over from one batch to the next, and the file does not hold that state; here it starts from zeros, as after reset_states().",
        "pt": "Esta camada é stateful: onde foi treinada, seu estado passava de um lote para o seguinte, e o arquivo não guarda esse estado; aqui ela parte de zeros, como depois de reset_states().",
    },
    "step.layer.masked": {
        "en": "{n} of {steps} steps are masked (padding), shaded grey in the charts: at those steps the layer carried its state over unchanged.",
        "pt": "{n} de {steps} passos estão mascarados (preenchimento), sombreados de cinza nos gráficos: nesses passos a camada manteve seu estado sem mudança.",
    },
    "step.layer.activations": {
        "en": "This layer's activations: {activation} for the candidate and the output, {recurrent} for the gates; the colour scales follow what they can produce.",
        "pt": "Ativações desta camada: {activation} para a candidata e a saída, {recurrent} para as portas; as escalas de cor seguem o que elas podem produzir.",
    },
    "step.layer.activation_rnn": {
        "en": "This layer's activation: {activation}; the colour scale follows what it can produce.",
        "pt": "Ativação desta camada: {activation}; a escala de cor segue o que ela pode produzir.",
    },
    "step.model.features": {
        "en": "This model takes {d} numbers per step: upload a CSV and pick {d} of its numeric columns, in the order the model was trained on.",
        "pt": "Este modelo recebe {d} números por passo: envie um CSV e escolha {d} de suas colunas numéricas, na ordem em que o modelo foi treinado.",
    },
    "step.model.flat": {
        "en": "This model takes one vector of {n} numbers and arranges them into steps itself: your sequence gives those {n} values.",
        "pt": "Este modelo recebe um vetor de {n} números e os organiza em passos ele mesmo: sua sequência fornece esses {n} valores.",
    },
    # token ids, for a model that starts with an Embedding
    "step.tokens.intro": {
        "en": "This model starts with an Embedding: it reads whole-number token ids from 0 to {top}, one per step.",
        "pt": "Este modelo começa com um Embedding: ele lê ids inteiros de tokens de 0 a {top}, um por passo.",
    },
    "step.tokens.intro_free": {
        "en": "This model starts with an Embedding: it reads whole-number token ids, one per step.",
        "pt": "Este modelo começa com um Embedding: ele lê ids inteiros de tokens, um por passo.",
    },
    "step.tokens.source": {"en": "Token ids", "pt": "Ids de tokens"},
    "step.tokens.typed": {"en": "Typed by hand", "pt": "Digitados"},
    "step.tokens.csv": {"en": "A column of a CSV", "pt": "Coluna de um CSV"},
    "step.tokens.label": {"en": "token ids", "pt": "ids de tokens"},
    "step.tokens.typed_label": {"en": "Token ids, one per step", "pt": "Ids de tokens, um por passo"},
    "step.tokens.typed_help": {
        "en": "Whole numbers separated by commas or spaces, e.g. 12, 5, 7, 0; 0 is usually the padding id.",
        "pt": "Números inteiros separados por vírgulas ou espaços, ex.: 12, 5, 7, 0; o 0 costuma ser o id de preenchimento.",
    },
    "step.tokens.column": {"en": "Column of token ids", "pt": "Coluna de ids de tokens"},
    # a windowed model (the windowing tutorial: one step of look_back values)
    "step.window.explain": {
        "en": "This model reads one step of {k} numbers: a window of the last {k} values of a series (the windowing tutorial's look_back), from which it predicts the next one.",
        "pt": "Este modelo lê um passo de {k} números: uma janela com os últimos {k} valores de uma série (o look_back do tutorial de janelas), a partir da qual prevê o próximo.",
    },
    "step.window.how": {"en": "How to feed your sequence", "pt": "Como entregar sua sequência"},
    "step.window.slide": {"en": "Slide the window: one per step", "pt": "Deslizar a janela: uma por passo"},
    "step.window.last": {"en": "Only the last window", "pt": "Só a última janela"},
    # a model with a fixed number of steps
    "step.fit.steps_exact": {"en": "The model takes exactly {steps} steps.", "pt": "O modelo recebe exatamente {steps} passos."},
    "step.fit.steps_label": {"en": "Fit the sequence to {steps} steps", "pt": "Ajustar a sequência a {steps} passos"},
    "step.fit.values_exact": {"en": "The model takes exactly {steps} values.", "pt": "O modelo recebe exatamente {steps} valores."},
    "step.fit.values_label": {"en": "Fit the sequence to {steps} values", "pt": "Ajustar a sequência a {steps} valores"},
    "step.fit.end": {"en": "Keep its end", "pt": "Manter o fim"},
    "step.fit.start": {"en": "Keep its start", "pt": "Manter o início"},
    "step.fit.values_cut": {
        "en": "The model takes exactly {steps} values and the sequence has {n}: it is cut to {steps} as chosen in the sidebar.",
        "pt": "O modelo recebe exatamente {steps} valores e a sequência tem {n}: ela é cortada para {steps} como escolhido na barra lateral.",
    },
    "step.fit.values_pad": {
        "en": "The model takes exactly {steps} values and the sequence has {n}: it is padded with zeros to {steps} as chosen in the sidebar (before it when keeping its end).",
        "pt": "O modelo recebe exatamente {steps} valores e a sequência tem {n}: ela é completada com zeros até {steps} como escolhido na barra lateral (antes dela ao manter o fim).",
    },
    "step.fit.steps_cut": {
        "en": "The model takes exactly {steps} steps and the sequence has {n}: it is cut to {steps} as chosen in the sidebar.",
        "pt": "O modelo recebe exatamente {steps} passos e a sequência tem {n}: ela é cortada para {steps} como escolhido na barra lateral.",
    },
    "step.fit.steps_pad": {
        "en": "The model takes exactly {steps} steps and the sequence has {n}: it is padded with zeros to {steps} as chosen in the sidebar (before it when keeping its end).",
        "pt": "O modelo recebe exatamente {steps} passos e a sequência tem {n}: ela é completada com zeros até {steps} como escolhido na barra lateral (antes dela ao manter o fim).",
    },
}
