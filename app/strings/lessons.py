"""Strings of the guided lessons."""

STRINGS: dict[str, dict[str, str]] = {
    "lessons.title": {"en": "Lessons", "pt": "Lições"},
    "lessons.intro": {
        "en": "Short guided walk-throughs for a class, about five minutes each. Each step explains one idea "
        "in a few sentences and lets you try it on the real components of LSTM Lens.",
        "pt": "Roteiros guiados curtos para a aula, cerca de cinco minutos cada. Cada passo explica uma ideia "
        "em poucas frases e deixa você experimentá-la nos componentes reais do LSTM Lens.",
    },
    "lessons.pick": {"en": "Lesson", "pt": "Lição"},
    "lessons.item": {"en": "{n}. {title} (~{minutes} min)", "pt": "{n}. {title} (~{minutes} min)"},
    "lessons.step_of": {"en": "Step {k} of {n}", "pt": "Passo {k} de {n}"},
    "lessons.back": {"en": "Back", "pt": "Voltar"},
    "lessons.next": {"en": "Next", "pt": "Próximo"},
    "lessons.finished": {
        "en": "End of this lesson. Pick the next one above, or explore freely on the other pages.",
        "pt": "Fim desta lição. Escolha a próxima acima ou explore livremente as outras páginas.",
    },
    # lesson 1: the gates of one unit
    "lessons.gates.title": {"en": "The gates of one unit", "pt": "As portas de uma unidade"},
    "lessons.gates.slider": {"en": "Move {name}", "pt": "Mova {name}"},
    "lessons.gates.chart_caption": {
        "en": "The input and the cell's quantities over time for the one unit. Gates live between 0 (closed) "
        "and 1 (open); the cell state C_t is the memory.",
        "pt": "A entrada e as grandezas da célula ao longo do tempo, para a única unidade. As portas ficam entre "
        "0 (fechada) e 1 (aberta); o estado da célula C_t é a memória.",
    },
    "lessons.gates.meet.title": {"en": "One unit, six equations", "pt": "Uma unidade, seis equações"},
    "lessons.gates.meet.body": {
        "en": "This cell has one input and one unit, so each gate is a single number. The input is a pattern "
        "of +1 spikes, -1 spikes and zeros. The diagram shows every quantity at the chosen timestep, and the "
        "equations plug in the real numbers. Start at t = 2, the first +1 spike, and follow it through the cell; "
        "then move to t = 3 and see the memory C_t stay.",
        "pt": "Esta célula tem uma entrada e uma unidade, então cada porta é um único número. A entrada é um "
        "padrão de picos +1, picos -1 e zeros. O diagrama mostra cada grandeza no passo de tempo escolhido, e as "
        "equações usam os números reais. Comece em t = 2, o primeiro pico +1, e siga-o pela célula; depois vá "
        "para t = 3 e veja a memória C_t permanecer.",
    },
    "lessons.gates.forget.title": {"en": "The forget gate f_t", "pt": "A porta de esquecimento f_t"},
    "lessons.gates.forget.body": {
        "en": "The forget gate decides how much of the old cell state C_{t-1} survives each step. Its bias b_f "
        "sets it when nothing else pushes: σ(3) ≈ 0.95 keeps most of the memory. Drag b_f down to -3: f_t falls "
        "near 0 and the spike is forgotten within a step or two. Drag it up to 6: the memory lasts the whole sequence.",
        "pt": "A porta de esquecimento decide quanto do estado da célula anterior C_{t-1} sobrevive a cada passo. "
        "Seu viés b_f a define quando nada mais a empurra: σ(3) ≈ 0,95 mantém quase toda a memória. Arraste b_f "
        "para -3: f_t cai para perto de 0 e o pico é esquecido em um ou dois passos. Arraste para 6: a memória "
        "dura a sequência inteira.",
    },
    "lessons.gates.input.title": {"en": "The input gate i_t", "pt": "A porta de entrada i_t"},
    "lessons.gates.input.body": {
        "en": "The input gate decides how much of the candidate is written. With W_i = 6 and b_i = -3 it is "
        "σ(6x - 3): it opens (≈ 0.95) only when x = +1. Set W_i to 0: the gate stays at σ(-3) ≈ 0.05 and the "
        "spike is barely written. Make W_i negative: now the -1 spikes open it instead.",
        "pt": "A porta de entrada decide quanto do candidato é escrito. Com W_i = 6 e b_i = -3 ela vale "
        "σ(6x - 3): abre (≈ 0,95) só quando x = +1. Coloque W_i em 0: a porta fica em σ(-3) ≈ 0,05 e o pico "
        "quase não é escrito. Deixe W_i negativo: agora são os picos -1 que a abrem.",
    },
    "lessons.gates.candidate.title": {"en": "The candidate C̃_t", "pt": "O candidato C̃_t"},
    "lessons.gates.candidate.body": {
        "en": "The candidate is what would be written: C̃_t = tanh(W_c·x_t + ...). With W_c = 3 a +1 spike "
        "proposes tanh(3) ≈ +1. Make W_c negative and the same spike writes a negative memory; near 0 there is "
        "nothing worth writing, however open the input gate is.",
        "pt": "O candidato é o que seria escrito: C̃_t = tanh(W_c·x_t + ...). Com W_c = 3 um pico +1 propõe "
        "tanh(3) ≈ +1. Deixe W_c negativo e o mesmo pico escreve uma memória negativa; perto de 0 não há nada "
        "que valha escrever, por mais aberta que esteja a porta de entrada.",
    },
    "lessons.gates.output.title": {"en": "The output gate o_t", "pt": "A porta de saída o_t"},
    "lessons.gates.output.body": {
        "en": "The output gate decides how much of the memory is shown: h_t = o_t · tanh(C_t). A cell can hold a "
        "memory and still say nothing: set b_o to -6 and h_t stays near 0 while C_t is unchanged. This is how an "
        "LSTM keeps something for later without letting it disturb the present.",
        "pt": "A porta de saída decide quanto da memória é mostrado: h_t = o_t · tanh(C_t). Uma célula pode guardar "
        "uma memória e ainda assim não dizer nada: coloque b_o em -6 e h_t fica perto de 0 enquanto C_t não muda. "
        "É assim que uma LSTM guarda algo para depois sem deixar que isso perturbe o presente.",
    },
    "lessons.gates.recap.title": {"en": "All together", "pt": "Tudo junto"},
    "lessons.gates.recap.body": {
        "en": "The six equations again, for the cell you just built. At every step: f_t scales the old memory, "
        "i_t · C̃_t adds the new, and o_t · tanh(C_t) is the output. A Keras LSTM computes exactly this, for "
        "every unit at every step; the step-through page shows it for many units at once.",
        "pt": "As seis equações de novo, para a célula que você acabou de montar. A cada passo: f_t escala a "
        "memória antiga, i_t · C̃_t acrescenta a nova, e o_t · tanh(C_t) é a saída. Uma LSTM do Keras calcula "
        "exatamente isso, para cada unidade a cada passo; a página passo a passo mostra isso para muitas "
        "unidades ao mesmo tempo.",
    },
    # lesson 2: memory
    "lessons.memory.title": {"en": "Memory: keep, forget, halve", "pt": "Memória: manter, esquecer, dividir ao meio"},
    "lessons.memory.left_h": {"en": "left in h_t", "pt": "resta em h_t"},
    "lessons.memory.left_c": {"en": "left in C_t", "pt": "resta em C_t"},
    "lessons.memory.impulse.title": {"en": "One spike, then silence", "pt": "Um pico, depois silêncio"},
    "lessons.memory.impulse.body": {
        "en": "The input is a single 1 at t = 0 followed by zeros. The question of this lesson: how much of that "
        "first input is still inside the cell at step t? Each chart measures it as a fraction: 1 means all of it "
        "is still there, 0 means it is gone.",
        "pt": "A entrada é um único 1 em t = 0 seguido de zeros. A pergunta desta lição: quanto dessa primeira "
        "entrada ainda está dentro da célula no passo t? Cada gráfico mede isso como uma fração: 1 significa que "
        "tudo ainda está lá, 0 que sumiu.",
    },
    "lessons.memory.rnn.title": {"en": "A plain RNN halves its memory", "pt": "Uma RNN simples divide sua memória ao meio"},
    "lessons.memory.rnn.body": {
        "en": "A plain RNN computes h_t = tanh(x_t + 0.5·h_{t-1}): every step mixes only half of the old state "
        "into the new one. So the spike is worth 1, then 1/2, 1/4, 1/8... After eight or ten steps it is practically "
        "gone: the network cannot connect a late output to that early input.",
        "pt": "Uma RNN simples calcula h_t = tanh(x_t + 0,5·h_{t-1}): cada passo mistura só metade do estado antigo "
        "no novo. Assim o pico vale 1, depois 1/2, 1/4, 1/8... Depois de oito ou dez passos ele praticamente sumiu: "
        "a rede não consegue ligar uma saída tardia àquela entrada antiga.",
    },
    "lessons.memory.rnn_numbers": {
        "en": "Left after 5 steps: {p5}. After 10 steps: {p10}.",
        "pt": "Resta depois de 5 passos: {p5}. Depois de 10 passos: {p10}.",
    },
    "lessons.memory.keeps.title": {"en": "An LSTM that keeps it", "pt": "Uma LSTM que mantém"},
    "lessons.memory.keeps.body": {
        "en": "This LSTM's forget gate is held near 1 (b_f = 12, so f_t = σ(12) ≈ 0.99999). The cell state is "
        "updated by C_t = f_t · C_{t-1} + i_t · C̃_t: with f_t ≈ 1 and nothing new written, C_t simply carries the "
        "spike forward, step after step, without the halving.",
        "pt": "A porta de esquecimento desta LSTM fica perto de 1 (b_f = 12, então f_t = σ(12) ≈ 0,99999). O estado "
        "da célula é atualizado por C_t = f_t · C_{t-1} + i_t · C̃_t: com f_t ≈ 1 e nada novo escrito, C_t "
        "simplesmente carrega o pico adiante, passo após passo, sem dividir ao meio.",
    },
    "lessons.memory.lstm_numbers": {
        "en": "Left in C_t after 10 steps: {p10}. At the last step: {p29}.",
        "pt": "Resta em C_t depois de 10 passos: {p10}. No último passo: {p29}.",
    },
    "lessons.memory.drops.title": {"en": "An LSTM that forgets it", "pt": "Uma LSTM que esquece"},
    "lessons.memory.drops.body": {
        "en": "The same equations with the forget gate held near 0 (b_f = -12): now C_t = f_t · C_{t-1} + ... "
        "throws the old state away at every step, and the spike is gone one step later. Forgetting is not a "
        "failure: it is how an LSTM clears what it no longer needs. The point is that it can choose.",
        "pt": "As mesmas equações com a porta de esquecimento perto de 0 (b_f = -12): agora C_t = f_t · C_{t-1} + ... "
        "joga fora o estado antigo a cada passo, e o pico some um passo depois. Esquecer não é uma falha: é como uma "
        "LSTM limpa o que não precisa mais. O importante é que ela pode escolher.",
    },
    "lessons.memory.forget_bias.title": {"en": "You choose how long it remembers", "pt": "Você escolhe quanto tempo ela lembra"},
    "lessons.memory.forget_bias.body": {
        "en": "Move the forget bias b_f. With no other input, f_t = σ(b_f) and the memory after t steps is f_t^t. "
        "At b_f = 0 the gate is 0.5: the LSTM halves just like the plain RNN. Raise it to 4 or 6 and the memory "
        "stretches over the whole sequence. Training an LSTM means, among other things, learning these numbers.",
        "pt": "Mova o viés de esquecimento b_f. Sem outra entrada, f_t = σ(b_f) e a memória depois de t passos é "
        "f_t^t. Em b_f = 0 a porta vale 0,5: a LSTM divide ao meio como a RNN simples. Suba para 4 ou 6 e a "
        "memória se estende pela sequência inteira. Treinar uma LSTM é, entre outras coisas, aprender esses números.",
    },
    "lessons.memory.slider_numbers": {
        "en": "f_t = {f}; left in C_t after 10 steps: {p10}.",
        "pt": "f_t = {f}; resta em C_t depois de 10 passos: {p10}.",
    },
    "lessons.memory.together.title": {"en": "Side by side, with noise", "pt": "Lado a lado, com ruído"},
    "lessons.memory.together.body": {
        "en": "Now the spike is followed by noise instead of silence, as in real data. The plain RNN loses the spike "
        "in a few steps; the GRU (its update gate near 1) and the LSTM (its forget gate near 1) keep it. The page "
        "'Why a plain RNN forgets' measures the same with gradients, the way training sees it.",
        "pt": "Agora o pico é seguido de ruído em vez de silêncio, como em dados reais. A RNN simples perde o pico "
        "em poucos passos; a GRU (porta de atualização perto de 1) e a LSTM (porta de esquecimento perto de 1) o "
        "mantêm. A página 'Por que a RNN simples esquece' mede o mesmo com gradientes, do jeito que o treino vê.",
    },
    "lessons.memory.together_caption": {
        "en": "Fraction of the t = 0 spike left in each cell's state (the LSTM's on C_t).",
        "pt": "Fração do pico de t = 0 que resta no estado de cada célula (na LSTM, em C_t).",
    },
    # lesson 3: Fibonacci
    "lessons.fibonacci.title": {"en": "Fibonacci: why scaling matters", "pt": "Fibonacci: por que normalizar importa"},
    "lessons.fibonacci.series.title": {"en": "A series that explodes", "pt": "Uma série que explode"},
    "lessons.fibonacci.series.body": {
        "en": "1, 1, 2, 3, 5, 8, 13...: each number is the sum of the two before it. The series grows like φ^t "
        "(φ ≈ 1.618, the golden ratio), so the thirtieth number is already above 800,000. What does an LSTM see "
        "when these numbers arrive as inputs?",
        "pt": "1, 1, 2, 3, 5, 8, 13...: cada número é a soma dos dois anteriores. A série cresce como φ^t "
        "(φ ≈ 1,618, a razão áurea), então o trigésimo número já passa de 800.000. O que uma LSTM vê quando "
        "esses números chegam como entradas?",
    },
    "lessons.fibonacci.series_numbers": {
        "en": "F(29) = {last}; F(29) / F(28) = {ratio}, the golden ratio.",
        "pt": "F(29) = {last}; F(29) / F(28) = {ratio}, a razão áurea.",
    },
    "lessons.fibonacci.raw.title": {"en": "Raw numbers saturate the gates", "pt": "Números brutos saturam as portas"},
    "lessons.fibonacci.raw.body": {
        "en": "Here the raw series goes into an 8-unit LSTM with Keras' usual starting weights. Each gate is "
        "σ(W·x + ...): once x is in the hundreds, W·x is huge and σ of it is exactly 0 or 1. After a few steps "
        "every gate is pinned (yellow or dark purple): the cell can no longer tell one input from the next, and "
        "training cannot move it, because σ is flat there.",
        "pt": "Aqui a série bruta entra numa LSTM de 8 unidades com os pesos iniciais usuais do Keras. Cada porta é "
        "σ(W·x + ...): quando x está nas centenas, W·x é enorme e σ dele é exatamente 0 ou 1. Depois de poucos "
        "passos todas as portas ficam travadas (amarelo ou roxo escuro): a célula não distingue mais uma entrada "
        "da outra, e o treino não consegue movê-la, porque σ é plana ali.",
    },
    "lessons.fibonacci.saturation": {
        "en": "Gate values within 0.01 of 0 or 1: {share}.",
        "pt": "Valores das portas a menos de 0,01 de 0 ou 1: {share}.",
    },
    "lessons.fibonacci.scaled.title": {"en": "Scaled, the gates come alive", "pt": "Normalizada, as portas ganham vida"},
    "lessons.fibonacci.scaled.body": {
        "en": "Take the logarithm (exponential growth becomes a straight line) and squeeze it into [0, 1]. The same "
        "LSTM, the same weights: now the gates take values across the whole range and change from step to step. "
        "Scaling the inputs is not a detail; it decides whether the network can learn at all.",
        "pt": "Tire o logaritmo (o crescimento exponencial vira uma reta) e comprima em [0, 1]. A mesma LSTM, os "
        "mesmos pesos: agora as portas assumem valores em toda a faixa e mudam de passo a passo. Normalizar as "
        "entradas não é detalhe; decide se a rede consegue aprender.",
    },
    # lesson 4: airline passengers
    "lessons.airline.title": {"en": "Airline passengers: an honest forecast", "pt": "Passageiros aéreos: uma previsão honesta"},
    "lessons.airline.series.title": {"en": "Twelve years of passengers", "pt": "Doze anos de passageiros"},
    "lessons.airline.series.body": {
        "en": "Monthly international airline passengers, 1949 to 1960, in thousands: the series of the source "
        "article. Two things stand out: a rising trend, and a yearly season (summer peaks) whose swing grows with "
        "the level. Growth that multiplies rather than adds is why the forecast takes logarithms first.",
        "pt": "Passageiros de voos internacionais por mês, de 1949 a 1960, em milhares: a série do artigo de "
        "referência. Duas coisas chamam a atenção: uma tendência de alta e uma estação anual (picos no verão) cuja "
        "amplitude cresce com o nível. Um crescimento que multiplica em vez de somar é o motivo de a previsão "
        "tirar logaritmos primeiro.",
    },
    "lessons.airline.series_numbers": {
        "en": "Swing within 1949: {first} thousand passengers; within 1960: {last} thousand.",
        "pt": "Amplitude dentro de 1949: {first} mil passageiros; dentro de 1960: {last} mil.",
    },
    "lessons.airline.baselines.title": {"en": "Baselines first", "pt": "Primeiro, as referências"},
    "lessons.airline.baselines.body": {
        "en": "Before any network, hide the last 12 months and forecast them the simplest ways: repeat the last "
        "value (naive), or repeat the same month of last year (seasonal naive). Any model worth using must beat "
        "these errors on the months it never saw. RMSE and MAE are in thousands of passengers.",
        "pt": "Antes de qualquer rede, esconda os últimos 12 meses e preveja-os dos jeitos mais simples: repetir o "
        "último valor (ingênua) ou repetir o mesmo mês do ano anterior (ingênua sazonal). Qualquer modelo que "
        "valha a pena precisa superar esses erros nos meses que nunca viu. RMSE e MAE estão em milhares de "
        "passageiros.",
    },
    "lessons.airline.train.title": {"en": "Train the LSTM", "pt": "Treine a LSTM"},
    "lessons.airline.train.body": {
        "en": "Now the LSTM, with the forecast page's default settings: logarithms, seasonal differencing, windows "
        "of past months, a small ensemble of networks. It trains on the first eleven years only. Press the button "
        "and watch the loss fall; it takes about half a minute.",
        "pt": "Agora a LSTM, com as configurações padrão da página de previsão: logaritmos, diferenciação sazonal, "
        "janelas de meses passados, um pequeno conjunto de redes. Ela treina só com os onze primeiros anos. "
        "Aperte o botão e veja a perda cair; leva cerca de meio minuto.",
    },
    "lessons.airline.train": {"en": "Train the LSTM", "pt": "Treinar a LSTM"},
    "lessons.airline.trained": {
        "en": "Trained ({epochs} epochs). Go to the next step to compare.",
        "pt": "Treinada ({epochs} épocas). Vá para o próximo passo para comparar.",
    },
    "lessons.airline.train_first": {
        "en": "Train the model in the previous step first.",
        "pt": "Treine o modelo no passo anterior primeiro.",
    },
    "lessons.airline.compare.title": {"en": "Compare, honestly", "pt": "Compare, com honestidade"},
    "lessons.airline.compare.body": {
        "en": "The table scores the LSTM on the 12 hidden months beside the baselines. The chart shows the hold-out "
        "and the forecast past 1960 with its interval. If the LSTM only copied the last value, the page would say "
        "so: a network is not automatically better than a one-line rule.",
        "pt": "A tabela avalia a LSTM nos 12 meses escondidos ao lado das referências. O gráfico mostra o período "
        "de teste e a previsão depois de 1960 com seu intervalo. Se a LSTM apenas copiasse o último valor, a página "
        "avisaria: uma rede não é automaticamente melhor que uma regra de uma linha.",
    },
    "lessons.airline.gates.title": {"en": "Open the trained gates", "pt": "Abra as portas treinadas"},
    "lessons.airline.gates.body": {
        "en": "The trained network's weights go straight into the NumPy cell of the step-through page, with the "
        "passenger series as the network saw it. Step through the months and look for units whose forget gate "
        "stays high across a year, or whose cell state follows the season.",
        "pt": "Os pesos da rede treinada vão direto para a célula NumPy da página passo a passo, com a série de "
        "passageiros como a rede a viu. Avance pelos meses e procure unidades cuja porta de esquecimento fica alta "
        "ao longo de um ano, ou cujo estado da célula acompanha a estação.",
    },
    "lessons.fibonacci.predict.title": {"en": "Predict the next number", "pt": "Preveja o próximo número"},
    "lessons.fibonacci.predict.body": {
        "en": "Now train a small LSTM to continue the series. It sees the log of the numbers and predicts the "
        "change from one to the next, which is almost the constant log φ: the scaling of the previous step turned "
        "an exploding series into an easy one. The last five numbers are hidden during training and predicted "
        "one after another, each from the model's own previous predictions.",
        "pt": "Agora treine uma LSTM pequena para continuar a série. Ela vê o logaritmo dos números e prevê a "
        "variação de um para o próximo, que é quase a constante log φ: a normalização do passo anterior "
        "transformou uma série que explode numa série fácil. Os cinco últimos números ficam escondidos no treino e "
        "são previstos um depois do outro, cada um a partir das previsões anteriores do próprio modelo.",
    },
    "lessons.fibonacci.train": {"en": "Train the LSTM (about 10 s)", "pt": "Treinar a LSTM (cerca de 10 s)"},
    "lessons.fibonacci.col.actual": {"en": "actual F(t)", "pt": "F(t) real"},
    "lessons.fibonacci.col.predicted": {"en": "LSTM prediction", "pt": "previsão da LSTM"},
    "lessons.fibonacci.col.error": {"en": "error", "pt": "erro"},
    "lessons.fibonacci.predict_caption": {
        "en": "The five numbers the model never saw, predicted recursively. The trained model's gates open on the "
        "step-through page like any model trained here.",
        "pt": "Os cinco números que o modelo nunca viu, previstos recursivamente. As portas do modelo treinado "
        "abrem na página passo a passo como qualquer modelo treinado aqui.",
    },
}
