"""Response models (pydantic v2, generated from the API contract) and request param types.

Response models keep fields the gateway adds later (`extra="allow"`); request params are
`TypedDict`s in `aigateway.types.params`.
"""

from ._models import *  # noqa: F403
from ._models import (
    ChatCompletion as ChatCompletion,
)
from ._models import (
    ChatCompletionChunk as ChatCompletionChunk,
)
from ._models import (
    ClassificationResponse as ClassificationResponse,
)
from ._models import (
    CreateEmbeddingResponse as CreateEmbeddingResponse,
)
from ._models import (
    DeletedSubAccount as DeletedSubAccount,
)
from ._models import (
    DetectionResponse as DetectionResponse,
)
from ._models import (
    EvalList as EvalList,
)
from ._models import (
    EvalRun as EvalRun,
)
from ._models import (
    ImagesResponse as ImagesResponse,
)
from ._models import (
    Job as Job,
)
from ._models import (
    JobCompletedEvent as JobCompletedEvent,
)
from ._models import (
    JobFailedEvent as JobFailedEvent,
)
from ._models import (
    Model as Model,
)
from ._models import (
    ModelList as ModelList,
)
from ._models import (
    ModerationResponse as ModerationResponse,
)
from ._models import (
    OcrResponse as OcrResponse,
)
from ._models import (
    Replay as Replay,
)
from ._models import (
    RerankResponse as RerankResponse,
)
from ._models import (
    SignedUrl as SignedUrl,
)
from ._models import (
    SubAccount as SubAccount,
)
from ._models import (
    SubAccountList as SubAccountList,
)
from ._models import (
    SubAccountWithKey as SubAccountWithKey,
)
from ._models import (
    Transcription as Transcription,
)
from ._models import (
    TranscriptionVerbose as TranscriptionVerbose,
)
from ._models import (
    TranslationResponse as TranslationResponse,
)
from ._models import (
    Usage as Usage,
)
from ._models import (
    UsageByTag as UsageByTag,
)
