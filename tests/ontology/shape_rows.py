"""Every row that breaks a copy of the built graph on purpose, from the files that group them by theme: what
test_shape_fires.py runs and test_shapes.py checks covers every shape."""

from shape_rows_changes import CHANGE_ROWS
from shape_rows_documents import DOCUMENT_ROWS
from shape_rows_order import ORDER_ROWS
from shape_rows_pairing import PAIRING_ROWS
from shape_rows_sources import SOURCE_ROWS

MUTATIONS = PAIRING_ROWS + DOCUMENT_ROWS + ORDER_ROWS + SOURCE_ROWS + CHANGE_ROWS
