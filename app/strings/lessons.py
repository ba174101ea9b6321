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
}
