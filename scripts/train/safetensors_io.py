"""safetensors written and read by hand (no safetensors package on Debian)."""
import json
import struct

import numpy as np

HEADER_ALIGN = 8
DTYPES = {'F16': np.float16, 'F32': np.float32}


def write_safetensors(path, tensors, dtype='F16'):
    """tensors: name -> numpy array. All stored as `dtype`, names in sorted order."""
    header, blobs, offset = {'__metadata__': {'format': 'pt'}}, [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype=DTYPES[dtype]).astype('<' + np.dtype(DTYPES[dtype]).str[1:])
        raw = data.tobytes()
        header[name] = {'dtype': dtype, 'shape': list(data.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % HEADER_ALIGN)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def read_safetensors(path):
    """name -> float32 numpy array (F16 widened exactly)."""
    with open(path, 'rb') as f:
        size = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(size))
        body = f.read()
    out = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        begin, end = info['data_offsets']
        array = np.frombuffer(body[begin:end], dtype='<' + np.dtype(DTYPES[info['dtype']]).str[1:])
        out[name] = array.reshape(info['shape']).astype(np.float32)
    return out
