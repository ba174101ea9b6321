"""What the data layer says on the forecast page and in the CLI (prefix ``fc.``): the notes on repairs
made to an upload and the one-sentence reasons a file or a setting is refused, one per
``lstm_core.data.DataError`` / ``Note`` code (``fc.note.<code>``, ``fc.err.<code>``)."""

STRINGS: dict[str, dict[str, str]] = {
    # --- notes (repairs made to the data) ---
    "fc.note.encoding_latin1": {
        "en": "The file is not UTF-8; it was read as Latin-1.",
        "pt": "O arquivo não está em UTF-8; foi lido como Latin-1.",
    },
    "fc.note.index_dropped": {
        "en": "Column '{column}' looks like a leftover row index and was ignored.",
        "pt": "A coluna '{column}' parece um índice de linhas que sobrou e foi ignorada.",
    },
    "fc.note.no_header": {
        "en": "The file has no header row; its columns are named column 1, column 2, ...",
        "pt": "O arquivo não tem linha de cabeçalho; as colunas se chamam column 1, column 2, ...",
    },
    "fc.note.bad_cells": {
        "en": "{count} cells of '{column}' are not numbers (e.g. '{example}') and were treated as missing.",
        "pt": "{count} células de '{column}' não são números (ex.: '{example}') e foram tratadas como faltantes.",
    },
    "fc.note.sorted": {
        "en": "The rows were not in date order; they were sorted by date.",
        "pt": "As linhas não estavam em ordem de data; foram ordenadas pela data.",
    },
    "fc.note.bad_dates": {
        "en": "{count} rows had no readable date (e.g. '{example}') and were left out.",
        "pt": "{count} linhas não tinham data legível (ex.: '{example}') e ficaram de fora.",
    },
    "fc.note.duplicates": {
        "en": "{count} dates appeared more than once; their values were averaged.",
        "pt": "{count} datas apareceram mais de uma vez; seus valores foram substituídos pela média.",
    },
    "fc.note.merged": {
        "en": "{count} dates fell in the same period as an earlier date; the values of each period were averaged.",
        "pt": "{count} datas caíram no mesmo período de uma data anterior; os valores de cada período foram substituídos pela média.",
    },
    "fc.note.gaps_filled": {
        "en": "{count} missing dates were filled by linear interpolation.",
        "pt": "{count} datas faltantes foram preenchidas por interpolação linear.",
    },
    "fc.note.missing_filled": {
        "en": "{count} missing values were filled by linear interpolation.",
        "pt": "{count} valores faltantes foram preenchidos por interpolação linear.",
    },
    "fc.note.edges_trimmed": {
        "en": "{count} empty values at the start or end were left out (nothing to interpolate from).",
        "pt": "{count} valores vazios no início ou no fim ficaram de fora (não há de onde interpolar).",
    },
    "fc.note.gaps_kept": {
        "en": "{count} dates are missing, too many to fill; the rows are used in order as if consecutive.",
        "pt": "Faltam {count} datas, demais para preencher; as linhas são usadas em ordem, como se fossem consecutivas.",
    },
    "fc.note.irregular": {
        "en": "The dates are not evenly spaced; the rows are used in order as if consecutive.",
        "pt": "As datas não são igualmente espaçadas; as linhas são usadas em ordem, como se fossem consecutivas.",
    },
    "fc.note.across": {
        "en": "The values run along the lines of the file, not down a column; each line was read as one column.",
        "pt": "Os valores seguem ao longo das linhas do arquivo, não descendo por uma coluna; cada linha foi lida como uma coluna.",
    },
    "fc.note.preamble": {
        "en": "Lines above the table that are not part of it were left out ({count}, e.g. '{example}').",
        "pt": "Linhas acima da tabela que não fazem parte dela ficaram de fora ({count}, ex.: '{example}').",
    },
    # --- errors (one sentence: what is wrong, what to do) ---
    "fc.err.empty": {
        "en": "The file is empty: choose a CSV file with one row per date and a column of numbers.",
        "pt": "O arquivo está vazio: escolha um CSV com uma linha por data e uma coluna de números.",
    },
    "fc.err.binary": {
        "en": "This file is not text (it looks like a spreadsheet or another binary file): save it as CSV (File > Save as > CSV) and upload that.",
        "pt": "Este arquivo não é texto (parece uma planilha ou outro arquivo binário): salve como CSV (Arquivo > Salvar como > CSV) e envie esse.",
    },
    "fc.err.unreadable": {
        "en": "The file could not be read as CSV ({detail}): save it again as CSV with one row per date.",
        "pt": "Não foi possível ler o arquivo como CSV ({detail}): salve de novo como CSV com uma linha por data.",
    },
    "fc.err.no_numeric": {
        "en": "No column holds numbers: the series needs a column of values such as 112 or 1.234,5.",
        "pt": "Nenhuma coluna tem números: a série precisa de uma coluna de valores como 112 ou 1.234,5.",
    },
    "fc.err.column_missing": {
        "en": "There is no column named '{column}': choose one of {choices}.",
        "pt": "Não existe coluna chamada '{column}': escolha uma entre {choices}.",
    },
    "fc.err.not_numeric": {
        "en": "Column '{column}' holds text, not numbers (e.g. '{example}'): choose the column of values, or write them as numbers such as 112 or 1.234,5.",
        "pt": "A coluna '{column}' tem texto, não números (ex.: '{example}'): escolha a coluna de valores, ou escreva-os como números, por exemplo 112 ou 1.234,5.",
    },
    "fc.err.all_missing": {
        "en": "Column '{column}' has no values at all: fill it in or choose another column.",
        "pt": "A coluna '{column}' não tem nenhum valor: preencha-a ou escolha outra coluna.",
    },
    "fc.err.no_finite": {
        "en": "Column '{column}' has no usable number, only infinite or undefined values such as '{example}': fill it with the measured values, or choose the column that holds them.",
        "pt": "A coluna '{column}' não tem nenhum número utilizável, só valores infinitos ou indefinidos como '{example}': preencha-a com os valores medidos, ou escolha a coluna que os contém.",
    },
    "fc.err.only_row_numbers": {
        "en": "Column '{column}' only numbers the rows (0, 1, 2, ... or 1, 2, 3, ...) and no other column holds values: add a column of measurements, or choose '{column}' as the value column if it really is the series.",
        "pt": "A coluna '{column}' só numera as linhas (0, 1, 2, ... ou 1, 2, 3, ...) e nenhuma outra coluna tem valores: acrescente uma coluna de medições, ou escolha '{column}' como coluna de valores se ela for mesmo a série.",
    },
    "fc.err.too_wide": {
        "en": "The file has {columns} columns, more than the {limit} this app reads: keep the date column and the column of values (one row per date), or write the series along at most three lines.",
        "pt": "O arquivo tem {columns} colunas, mais que as {limit} que este app lê: mantenha a coluna de datas e a de valores (uma linha por data), ou escreva a série ao longo de no máximo três linhas.",
    },
    "fc.err.long_line": {
        "en": "The file is one line of {length} characters with no numbers separated by commas, semicolons, tabs or spaces: save the series with one value per line (or its values separated by commas) and upload it again.",
        "pt": "O arquivo é uma só linha de {length} caracteres, sem números separados por vírgulas, ponto e vírgula, tabulações ou espaços: salve a série com um valor por linha (ou os valores separados por vírgulas) e envie de novo.",
    },
    "fc.err.dates_unreadable": {
        "en": "The dates in column '{column}' could not be read (e.g. '{example}'): write them as 2024-01-31, 31/01/2024 or 2024-01, or choose no date column.",
        "pt": "Não foi possível ler as datas da coluna '{column}' (ex.: '{example}'): escreva como 2024-01-31, 31/01/2024 ou 2024-01, ou escolha nenhuma coluna de datas.",
    },
    "fc.err.too_short": {
        "en": "The series has only {n} points: a forecast needs at least {needed}; upload a longer series.",
        "pt": "A série tem só {n} pontos: uma previsão precisa de pelo menos {needed}; envie uma série mais longa.",
    },
    "fc.err.too_long": {
        "en": "The series has {n} points, more than the {limit} this app trains on: aggregate it (e.g. daily to weekly) and upload it again.",
        "pt": "A série tem {n} pontos, mais que os {limit} que este app treina: agregue-a (ex.: de diária para semanal) e envie de novo.",
    },
    "fc.err.constant": {
        "en": "Every value is the same ({value}): there is nothing to forecast; choose a column that varies.",
        "pt": "Todos os valores são iguais ({value}): não há o que prever; escolha uma coluna que varie.",
    },
    "fc.err.not_finite": {
        "en": "Column '{column}' holds a value too large to use ({example}): keep every value between -{limit} and {limit}, e.g. by changing the unit.",
        "pt": "A coluna '{column}' tem um valor grande demais para usar ({example}): mantenha todos os valores entre -{limit} e {limit}, por exemplo mudando a unidade.",
    },
    "fc.err.too_small": {
        "en": "Column '{column}' holds only values too small to use (the largest is {example}): scale them so that some value is at least {limit} in size, e.g. by changing the unit.",
        "pt": "A coluna '{column}' tem só valores pequenos demais para usar (o maior é {example}): mude a escala para que algum valor tenha pelo menos {limit} em tamanho, por exemplo mudando a unidade.",
    },
    "fc.err.too_short_for_settings": {
        "en": "The series has {n} points, but a window of {window} and a hold-out of {holdout} need at least {needed}: reduce the window or the hold-out, or upload a longer series.",
        "pt": "A série tem {n} pontos, mas uma janela de {window} e uma validação final de {holdout} precisam de pelo menos {needed}: reduza a janela ou a validação final, ou envie uma série mais longa.",
    },
    "fc.err.log_nonpositive": {
        "en": "The log transform needs values above 0, but the series has {value}: turn the log transform off.",
        "pt": "A transformação log precisa de valores acima de 0, mas a série tem {value}: desligue a transformação log.",
    },
    "fc.err.bad_setting": {
        "en": "The setting {name} must be {expected}, not {value}: change it and try again.",
        "pt": "A configuração {name} deve ser {expected}, não {value}: altere e tente de novo.",
    },
    "fc.err.frequency_gaps": {
        "en": "At the chosen frequency {missing} of the {length} dates would be missing, too many to fill by interpolation: choose a coarser frequency, or treat the rows as evenly spaced.",
        "pt": "Na frequência escolhida faltariam {missing} das {length} datas, demais para preencher por interpolação: escolha uma frequência menos detalhada ou trate as linhas como igualmente espaçadas.",
    },
    "fc.err.frequency_needs_dates": {
        "en": "A frequency needs a date column: choose the date column, or leave the frequency to the app and set the seasonal period instead.",
        "pt": "Uma frequência precisa de uma coluna de datas: escolha a coluna de datas, ou deixe a frequência com o app e defina o período sazonal.",
    },
}
