"""Meta's multilingual models through transformers: NLLB-200 and M2M-100, one model for all five targets.

The target language is forced as the first generated token (``forced_bos_token_id``): NLLB codes
``arb_Arab zho_Hans fra_Latn rus_Cyrl spa_Latn``, M2M-100 codes ``ar zh fr ru es``.
NLLB-200's weights are licensed CC-BY-NC 4.0 (non-commercial use only).
"""

from __future__ import annotations

from typing import Any

from translate.errors import HexaglotError
from translate.lang import get_language
from translate.mt.hf import HFSeq2SeqEngine


class NLLBEngine(HFSeq2SeqEngine):
    name = "nllb"
    source_code = "eng_Latn"

    def target_code(self, lang: str) -> str:
        return get_language(lang).nllb_code

    def load_tokenizer(self) -> Any:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(
            self.model_dir, local_files_only=True, trust_remote_code=False, src_lang=self.source_code
        )

    def target_id(self, lang: str) -> int:
        code = self.target_code(lang)
        token_id = self.tokenizer.convert_tokens_to_ids(code)
        if token_id is None or token_id == self.tokenizer.unk_token_id:
            raise HexaglotError(f"MT model {self.label!r} has no language token {code!r} for {lang}")
        return int(token_id)

    def generate_options(self, lang: str) -> dict[str, Any]:
        return {"forced_bos_token_id": self.target_id(lang)}

    def decoder_start(self, lang: str) -> list[int]:
        return [self.hf_model.config.decoder_start_token_id, self.target_id(lang)]


class M2M100Engine(NLLBEngine):
    name = "m2m100"
    source_code = "en"

    def target_code(self, lang: str) -> str:
        return f"__{lang}__"
