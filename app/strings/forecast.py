"""Strings of the train & forecast page (prefix ``fc.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "fc.title": {"en": "Train & forecast", "pt": "Treinar e prever"},
    "fc.intro": {
        "en": (
            "Bring a series (a CSV file from your spreadsheet) or try the airline-passengers example. "
            "The page trains a small Keras LSTM, measures it on the last points it never saw beside two simple "
            "baselines, forecasts past the end with an interval, and lets you open the gates of the model you trained."
        ),
        "pt": (
            "Traga uma série (um arquivo CSV da sua planilha) ou experimente o exemplo de passageiros aéreos. "
            "A página treina uma LSTM pequena no Keras, mede o resultado nos últimos pontos que ela não viu, ao lado "
            "de duas referências simples, prevê além do fim com um intervalo e deixa você abrir as portas do modelo treinado."
        ),
    },
    # --- data source ---
    "fc.source": {"en": "Data", "pt": "Dados"},
    "fc.source.example": {"en": "Example: airline passengers, 1949-1960", "pt": "Exemplo: passageiros aéreos, 1949-1960"},
    "fc.source.upload": {"en": "My CSV file", "pt": "Meu arquivo CSV"},
    "fc.upload": {"en": "CSV file", "pt": "Arquivo CSV"},
    "fc.upload.help": {
        "en": "Comma or semicolon separated; decimal point or comma; one row per date. Stays in this session only.",
        "pt": "Separado por vírgula ou ponto e vírgula; decimal com ponto ou vírgula; uma linha por data. Fica só nesta sessão.",
    },
    "fc.upload.prompt": {
        "en": "Upload a CSV file to start, or pick the example above.",
        "pt": "Envie um arquivo CSV para começar ou escolha o exemplo acima.",
    },
    "fc.file": {"en": "File: {name}", "pt": "Arquivo: {name}"},
    "fc.col.date": {"en": "Date column", "pt": "Coluna de datas"},
    "fc.col.none": {"en": "(none: use the row order)", "pt": "(nenhuma: usar a ordem das linhas)"},
    "fc.col.value": {"en": "Value column", "pt": "Coluna de valores"},
    "fc.col.help": {
        "en": "Detected from the file; change it if the guess is wrong.",
        "pt": "Detectada a partir do arquivo; altere se o palpite estiver errado.",
    },
    "fc.summary": {
        "en": "{n} points from {start} to {end} · frequency: {frequency} · seasonal period: {season}",
        "pt": "{n} pontos de {start} a {end} · frequência: {frequency} · período sazonal: {season}",
    },
    "fc.summary.nodates": {
        "en": "{n} points (no dates: row order) · seasonal period: {season}",
        "pt": "{n} pontos (sem datas: ordem das linhas) · período sazonal: {season}",
    },
    "fc.freq.hourly": {"en": "hourly", "pt": "horária"},
    "fc.freq.daily": {"en": "daily", "pt": "diária"},
    "fc.freq.business": {"en": "business days", "pt": "dias úteis"},
    "fc.freq.weekly": {"en": "weekly", "pt": "semanal"},
    "fc.freq.monthly": {"en": "monthly", "pt": "mensal"},
    "fc.freq.quarterly": {"en": "quarterly", "pt": "trimestral"},
    "fc.freq.yearly": {"en": "yearly", "pt": "anual"},
    "fc.freq.every.s": {"en": "every {n} seconds", "pt": "a cada {n} segundos"},
    "fc.freq.every.min": {"en": "every {n} minutes", "pt": "a cada {n} minutos"},
    "fc.freq.every.h": {"en": "every {n} hours", "pt": "a cada {n} horas"},
    "fc.freq.every.d": {"en": "every {n} days", "pt": "a cada {n} dias"},
    "fc.freq.every1.s": {"en": "every second", "pt": "a cada segundo"},
    "fc.freq.every1.min": {"en": "every minute", "pt": "a cada minuto"},
    "fc.freq.every1.h": {"en": "hourly", "pt": "horária"},
    "fc.freq.every1.d": {"en": "daily", "pt": "diária"},
    "fc.summary.natural": {"en": " · natural periods: {periods}", "pt": " · períodos naturais: {periods}"},
    "fc.period.minute": {"en": "a minute = {n}", "pt": "um minuto = {n}"},
    "fc.period.hour": {"en": "an hour = {n}", "pt": "uma hora = {n}"},
    "fc.period.day": {"en": "a day = {n}", "pt": "um dia = {n}"},
    "fc.period.week": {"en": "a week = {n}", "pt": "uma semana = {n}"},
    "fc.col.pick": {"en": "Choose the column of values", "pt": "Escolha a coluna de valores"},
    "fc.freq.unknown": {"en": "not regular", "pt": "irregular"},
    "fc.freq.none": {"en": "evenly spaced rows", "pt": "linhas equidistantes"},
    "fc.freq": {"en": "Frequency", "pt": "Frequência"},
    "fc.freq.detected": {"en": "{frequency} (detected)", "pt": "{frequency} (detectada)"},
    "fc.freq.help": {
        "en": (
            "Detected from the dates. Choose another to put the dates on that grid: dates within one period are "
            "averaged and missing periods interpolated (each repair is noted). 'Evenly spaced rows' takes the rows "
            "in date order as if evenly spaced. The seasonal period follows the frequency unless you set it."
        ),
        "pt": (
            "Detectada pelas datas. Escolha outra para colocar as datas nessa grade: datas dentro de um mesmo período "
            "viram a média e períodos faltantes são interpolados (cada reparo é avisado). 'Linhas equidistantes' usa as "
            "linhas na ordem das datas, como se fossem igualmente espaçadas. O período sazonal acompanha a frequência, a menos que você o defina."
        ),
    },
    "fc.freq.nodates": {
        "en": "Choose a date column to set the frequency.",
        "pt": "Escolha uma coluna de datas para definir a frequência.",
    },
    "fc.season.none": {"en": "none", "pt": "nenhum"},
    "fc.season": {"en": "Seasonal period (0 = none)", "pt": "Período sazonal (0 = nenhum)"},
    "fc.season.help": {
        "en": "Points per cycle. Follows the frequency: 12 for monthly, 52 weekly, 7 daily, 24 hourly, 4 quarterly, none for yearly; below a day, the points of a day (48 every 30 minutes, 288 every 5 minutes; a week is 7 times that); without dates it is found from the values. Override it if you know better.",
        "pt": "Pontos por ciclo. Acompanha a frequência: 12 para mensal, 52 semanal, 7 diária, 24 horária, 4 trimestral, nenhum para anual; abaixo de um dia, os pontos de um dia (48 a cada 30 minutos, 288 a cada 5 minutos; uma semana é 7 vezes isso); sem datas, é encontrado pelos valores. Altere se souber mais.",
    },
    "fc.series_chart": {"en": "The series", "pt": "A série"},
    "fc.err.training": {
        "en": "Training failed ({detail}): try fewer units or epochs, or reload the page.",
        "pt": "O treino falhou ({detail}): tente menos unidades ou épocas, ou recarregue a página.",
    },
    # --- settings ---
    "fc.settings": {"en": "Settings", "pt": "Configurações"},
    "fc.settings.caption": {
        "en": "The defaults are chosen for this series; each setting explains itself when you hover over its ?.",
        "pt": "Os padrões são escolhidos para esta série; cada configuração se explica ao passar o mouse sobre o ?.",
    },
    "fc.set.window": {"en": "Window length", "pt": "Tamanho da janela"},
    "fc.set.window.help": {
        "en": "How many past points the LSTM reads to predict the next one. Default: one season plus one.",
        "pt": "Quantos pontos passados a LSTM lê para prever o próximo. Padrão: uma estação mais um.",
    },
    "fc.set.holdout": {"en": "Hold-out length", "pt": "Tamanho da validação final"},
    "fc.set.holdout.help": {
        "en": "The last points, hidden from training, on which the forecast is scored against the baselines.",
        "pt": "Os últimos pontos, escondidos do treino, nos quais a previsão é avaliada contra as referências.",
    },
    "fc.set.horizon": {"en": "Horizon", "pt": "Horizonte"},
    "fc.set.horizon.help": {
        "en": "How many points to forecast past the end of the data.",
        "pt": "Quantos pontos prever além do fim dos dados.",
    },
    "fc.set.units": {"en": "LSTM units", "pt": "Unidades da LSTM"},
    "fc.set.units.help": {
        "en": "Size of the cell state C_t and hidden state h_t. Small series need few units.",
        "pt": "Tamanho do estado da célula C_t e do estado oculto h_t. Séries pequenas pedem poucas unidades.",
    },
    "fc.set.layers": {"en": "LSTM layers", "pt": "Camadas LSTM"},
    "fc.set.layers.help": {
        "en": "Stacked LSTM layers: the h_t of one is the input of the next.",
        "pt": "Camadas LSTM empilhadas: o h_t de uma é a entrada da próxima.",
    },
    "fc.set.dropout": {"en": "Dropout", "pt": "Dropout"},
    "fc.set.dropout.help": {
        "en": "Share of inputs dropped at random while training, against over-fitting.",
        "pt": "Fração das entradas descartada ao acaso no treino, contra sobreajuste.",
    },
    "fc.set.epochs": {"en": "Epochs", "pt": "Épocas"},
    "fc.set.epochs.help": {
        "en": "Passes over the training windows. More takes longer; watch the validation loss.",
        "pt": "Passadas pelas janelas de treino. Mais demora mais; observe a perda de validação.",
    },
    "fc.set.batch": {"en": "Batch size", "pt": "Tamanho do lote"},
    "fc.set.batch.help": {
        "en": "Windows per gradient step.",
        "pt": "Janelas por passo de gradiente.",
    },
    "fc.set.early": {"en": "Early stopping", "pt": "Parada antecipada"},
    "fc.set.early.help": {
        "en": "Stop when the validation loss has not improved for a while, and keep the best weights.",
        "pt": "Parar quando a perda de validação não melhora há algum tempo e manter os melhores pesos.",
    },
    "fc.set.seed": {"en": "Seed", "pt": "Semente"},
    "fc.set.seed.help": {
        "en": "Fixes the random start, so the same settings give the same model.",
        "pt": "Fixa o início aleatório, para que as mesmas configurações deem o mesmo modelo.",
    },
    "fc.set.rollout": {"en": "Steps trained ahead", "pt": "Passos treinados à frente"},
    "fc.set.rollout.help": {
        "en": (
            "During training each network forecasts this many steps ahead from its own forecasts, the way it "
            "forecasts past the end, and is corrected on all of them. 1 trains one step ahead on real data only."
        ),
        "pt": (
            "No treino, cada rede prevê esta quantidade de passos à frente a partir das próprias previsões, como "
            "faz depois do fim dos dados, e é corrigida em todos eles. 1 treina só um passo à frente, com dados reais."
        ),
    },
    "fc.set.members": {"en": "Networks averaged", "pt": "Redes na média"},
    "fc.set.members.help": {
        "en": "Several LSTMs from different random starts, trained together; their mean is the forecast.",
        "pt": "Várias LSTMs com inícios aleatórios diferentes, treinadas juntas; a média delas é a previsão.",
    },
    "fc.set.l2": {"en": "Weight decay (L2)", "pt": "Decaimento de pesos (L2)"},
    "fc.set.l2.help": {
        "en": "Penalty on large weights. Short, noisy series need it: without it the LSTM learns the noise and its forecasts wander.",
        "pt": "Penalidade para pesos grandes. Séries curtas e ruidosas precisam dela: sem ela a LSTM aprende o ruído e as previsões se desviam.",
    },
    "fc.set.transform": {"en": "Transform", "pt": "Transformação"},
    "fc.set.transform.auto": {"en": "Chosen for this series", "pt": "Escolhida para esta série"},
    "fc.set.transform.custom": {"en": "My choice", "pt": "Minha escolha"},
    "fc.set.log": {"en": "Log", "pt": "Log"},
    "fc.set.log.help": {
        "en": "Take logarithms: seasonal swings that grow with the level become constant. Values must be above 0.",
        "pt": "Tirar logaritmos: oscilações sazonais que crescem com o nível ficam constantes. Os valores devem ser maiores que 0.",
    },
    "fc.set.season_mode": {"en": "Season", "pt": "Sazonalidade"},
    "fc.set.season_mode.help": {
        "en": "Seasonal differencing models the change from the same point one season earlier: good when the season drifts. "
              "Subtracting the seasonal profile (fitted on the training part) keeps the levels: good when the season repeats one fixed shape.",
        "pt": "A diferenciação sazonal modela a mudança em relação ao mesmo ponto uma estação antes: boa quando a sazonalidade muda aos poucos. "
              "Subtrair o perfil sazonal (ajustado na parte de treino) mantém os níveis: bom quando a sazonalidade repete um mesmo formato.",
    },
    "fc.season_mode.none": {"en": "keep it", "pt": "manter"},
    "fc.season_mode.sdiff": {"en": "seasonal differencing", "pt": "diferenciação sazonal"},
    "fc.season_mode.deseason": {"en": "subtract the seasonal profile", "pt": "subtrair o perfil sazonal"},
    "fc.set.diff": {"en": "Differencing", "pt": "Diferenciação"},
    "fc.set.diff.help": {
        "en": "Model the change from the previous point: removes a trend.",
        "pt": "Modelar a mudança em relação ao ponto anterior: remove uma tendência.",
    },
    "fc.set.scaling": {"en": "Scaling", "pt": "Escala"},
    "fc.set.scaling.help": {
        "en": "Fitted on the training part only, so the hold-out stays unseen.",
        "pt": "Ajustada só na parte de treino, para que a validação final continue invisível.",
    },
    "fc.scaling.standard": {"en": "standard (mean 0, sd 1)", "pt": "padrão (média 0, desvio 1)"},
    "fc.scaling.minmax": {"en": "min-max (0 to 1)", "pt": "mín-máx (0 a 1)"},
    "fc.scaling.none": {"en": "none", "pt": "nenhuma"},
    "fc.chosen": {"en": "Chosen for this series: {steps}.", "pt": "Escolhido para esta série: {steps}."},
    "fc.yours": {"en": "With your settings: {steps}.", "pt": "Com as suas configurações: {steps}."},
    "fc.step.log": {"en": "log", "pt": "log"},
    "fc.step.sdiff": {"en": "seasonal differencing (lag {lag})", "pt": "diferenciação sazonal (defasagem {lag})"},
    "fc.step.deseason": {
        "en": "seasonal profile subtracted (period {period}, fitted on the training part)",
        "pt": "perfil sazonal subtraído (período {period}, ajustado na parte de treino)",
    },
    "fc.step.diff": {"en": "differencing", "pt": "diferenciação"},
    "fc.step.scale": {"en": "{scaling} scaling fitted on the training part", "pt": "escala {scaling} ajustada na parte de treino"},
    "fc.step.window": {"en": "window {window}, hold-out {holdout}, horizon {horizon}", "pt": "janela {window}, validação final {holdout}, horizonte {horizon}"},
    "fc.reason.log": {
        "en": "Log, because the seasonal swings grow with the level (multiplicative).",
        "pt": "Log, porque as oscilações sazonais crescem com o nível (multiplicativa).",
    },
    "fc.reason.no_log": {"en": "No log: the swings do not grow with the level.", "pt": "Sem log: as oscilações não crescem com o nível."},
    "fc.reason.no_log_nonpositive": {
        "en": "No log: the series has values at or below 0.",
        "pt": "Sem log: a série tem valores menores ou iguais a 0.",
    },
    "fc.reason.seasonal_diff": {
        "en": "Seasonal differencing, because the season is strong (STL seasonal strength above 0.64) and drifts from one cycle to the next (a year, a week or a day).",
        "pt": "Diferenciação sazonal, porque a sazonalidade é forte (força sazonal pela STL acima de 0,64) e muda de um ciclo para outro.",
    },
    "fc.reason.weak_season": {
        "en": "No seasonal differencing: the season is weak (STL seasonal strength at most 0.64) or the series is too short for it.",
        "pt": "Sem diferenciação sazonal: a sazonalidade é fraca (força sazonal pela STL de no máximo 0,64) ou a série é curta demais para ela.",
    },
    "fc.reason.deseason": {
        "en": "Seasonal profile subtracted, because the season is strong (STL seasonal strength above 0.64) and repeats one fixed shape: "
              "seasonal differences would only add noise (their autocorrelation one season apart is below -0.4).",
        "pt": "Perfil sazonal subtraído, porque a sazonalidade é forte (força sazonal pela STL acima de 0,64) e repete um mesmo formato: "
              "diferenças sazonais só acrescentariam ruído (sua autocorrelação a uma estação de distância é menor que -0,4).",
    },
    "fc.reason.deseason_short": {
        "en": "Seasonal profile subtracted, because the season is strong (STL seasonal strength above 0.64) but the series is too short to spare a season for differencing.",
        "pt": "Perfil sazonal subtraído, porque a sazonalidade é forte (força sazonal pela STL acima de 0,64), mas a série é curta demais para sacrificar uma estação na diferenciação.",
    },
    "fc.reason.no_season": {"en": "No season detected.", "pt": "Nenhuma sazonalidade detectada."},
    "fc.reason.diff": {
        "en": "Differencing, because the series trends (lag-1 autocorrelation above 0.9, or a straight line explains more than half of its variance).",
        "pt": "Diferenciação, porque a série tem tendência (autocorrelação de defasagem 1 acima de 0,9, ou uma reta explica mais da metade da sua variância).",
    },
    "fc.reason.no_diff": {"en": "No differencing: the series does not trend.", "pt": "Sem diferenciação: a série não tem tendência."},
    "fc.reason.scaling": {
        "en": "Scaled on the training part only, so nothing of the hold-out leaks in.",
        "pt": "Escala ajustada só na parte de treino, para nada da validação final vazar.",
    },
    "fc.reason.chosen_by_you": {"en": "Transform chosen by you.", "pt": "Transformação escolhida por você."},
    # --- training ---
    "fc.train": {"en": "Train and forecast", "pt": "Treinar e prever"},
    "fc.stop": {"en": "Stop training", "pt": "Parar o treino"},
    "fc.queued": {
        "en": "Queued: {running} trainings are running on this server; yours starts as soon as one ends.",
        "pt": "Na fila: {running} treinos estão rodando neste servidor; o seu começa assim que um terminar.",
    },
    "fc.starting": {"en": "Starting TensorFlow and building the model...", "pt": "Iniciando o TensorFlow e montando o modelo..."},
    "fc.progress": {"en": "Epoch {epoch} of {epochs}", "pt": "Época {epoch} de {epochs}"},
    "fc.stopping": {"en": "Stopping after this batch...", "pt": "Parando depois deste lote..."},
    "fc.stopped": {
        "en": "Training was stopped at epoch {epoch} of {epochs}; the forecast below uses the model as it was then.",
        "pt": "O treino foi parado na época {epoch} de {epochs}; a previsão abaixo usa o modelo como estava naquele momento.",
    },
    "fc.trained": {
        "en": "Trained for {epochs} epochs in {seconds:.0f} s.",
        "pt": "Treinado por {epochs} épocas em {seconds:.0f} s.",
    },
    "fc.stale": {
        "en": "These results are for earlier data or settings; press \"Train and forecast\" to update them.",
        "pt": "Estes resultados são de dados ou configurações anteriores; clique em \"Treinar e prever\" para atualizá-los.",
    },
    # --- results ---
    "fc.results": {"en": "How good is it? The hold-out", "pt": "Quão boa é? A validação final"},
    "fc.results.caption": {
        "en": "Errors on the last {holdout} points, which the LSTM never saw. Lower is better; MASE below 1 beats the seasonal naive forecast on the training part.",
        "pt": "Erros nos últimos {holdout} pontos, que a LSTM nunca viu. Menor é melhor; MASE abaixo de 1 supera a previsão ingênua sazonal na parte de treino.",
    },
    "fc.model": {"en": "Model", "pt": "Modelo"},
    "fc.model.lstm": {"en": "LSTM (this model)", "pt": "LSTM (este modelo)"},
    "fc.model.naive": {"en": "Naive (last value)", "pt": "Ingênua (último valor)"},
    "fc.model.seasonal_naive": {"en": "Seasonal naive (last season)", "pt": "Ingênua sazonal (última estação)"},
    "fc.model.holt_winters": {
        "en": "Holt-Winters (classical exponential smoothing)",
        "pt": "Holt-Winters (suavização exponencial clássica)",
    },
    "fc.chart.holt_winters": {"en": "Holt-Winters", "pt": "Holt-Winters"},
    "fc.metric.rmse": {"en": "RMSE", "pt": "RMSE"},
    "fc.metric.mae": {"en": "MAE", "pt": "MAE"},
    "fc.metric.mape": {"en": "MAPE %", "pt": "MAPE %"},
    "fc.metric.mase": {"en": "MASE", "pt": "MASE"},
    "fc.verdict.better": {
        "en": "The LSTM beats both baselines on RMSE.",
        "pt": "A LSTM supera as duas referências no RMSE.",
    },
    "fc.verdict.worse": {
        "en": "A baseline does better than the LSTM on RMSE: prefer it, or try other settings.",
        "pt": "Uma referência se sai melhor que a LSTM no RMSE: prefira-a ou tente outras configurações.",
    },
    "fc.copies_naive": {
        "en": "The LSTM merely repeats the last value: its errors match the naive forecast's. Try a transform, a longer window or more epochs.",
        "pt": "A LSTM apenas repete o último valor: seus erros são iguais aos da previsão ingênua. Tente uma transformação, uma janela maior ou mais épocas.",
    },
    "fc.forecast": {"en": "The forecast", "pt": "A previsão"},
    "fc.forecast.caption": {
        "en": "Shaded: {level:.0%} prediction interval (simulated from the model's own one-step errors).",
        "pt": "Faixa: intervalo de previsão de {level:.0%} (simulado a partir dos erros de um passo do próprio modelo).",
    },
    "fc.chart.history": {"en": "data", "pt": "dados"},
    "fc.chart.actual": {"en": "hold-out (actual)", "pt": "validação final (real)"},
    "fc.chart.lstm_holdout": {"en": "LSTM on the hold-out", "pt": "LSTM na validação final"},
    "fc.chart.forecast": {"en": "LSTM forecast", "pt": "previsão da LSTM"},
    "fc.chart.interval": {"en": "interval", "pt": "intervalo"},
    "fc.chart.naive": {"en": "naive", "pt": "ingênua"},
    "fc.chart.seasonal_naive": {"en": "seasonal naive", "pt": "ingênua sazonal"},
    "fc.chart.date": {"en": "date", "pt": "data"},
    "fc.chart.step": {"en": "step", "pt": "passo"},
    "fc.chart.loss": {"en": "training loss", "pt": "perda de treino"},
    "fc.chart.val_loss": {"en": "validation loss", "pt": "perda de validação"},
    "fc.chart.epoch": {"en": "epoch", "pt": "época"},
    "fc.chart.mse": {"en": "mean squared error (scaled)", "pt": "erro quadrático médio (escalado)"},
    "fc.loss": {"en": "Training curve", "pt": "Curva de treino"},
    # --- downloads and hand-off ---
    "fc.downloads": {"en": "Take it with you", "pt": "Leve com você"},
    "fc.download.csv": {"en": "Forecast (CSV)", "pt": "Previsão (CSV)"},
    "fc.download.model": {"en": "Model (.keras)", "pt": "Modelo (.keras)"},
    "fc.download.settings": {"en": "Settings (JSON)", "pt": "Configurações (JSON)"},
    "fc.inspect": {"en": "Inspect the gates", "pt": "Inspecionar as portas"},
    "fc.inspect.caption": {
        "en": "Open the step-through page with this model's LSTM weights and your series as the model sees it (after the transform).",
        "pt": "Abrir a página passo a passo com os pesos da LSTM deste modelo e a sua série como o modelo a vê (após a transformação).",
    },
    "fc.handoff.label": {"en": "LSTM trained on {name}", "pt": "LSTM treinada em {name}"},
}
