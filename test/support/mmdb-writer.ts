// A minimal MaxMind DB (.mmdb) writer for tests: IPv4 tree, 24-bit records, string/map/uint data only.
// Format: https://maxmind.github.io/MaxMind-DB/ (search tree, 16-byte separator, data, metadata marker).

type MmdbValue = string | number | { [key: string]: MmdbValue } | MmdbValue[];

const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');

function control(type: number, size: number): Buffer {
  if (size >= 29) throw new Error('test mmdb writer: values longer than 28 are not supported');
  return type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7]);
}

function uint(value: number, type: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.concat([control(type, bytes.length), Buffer.from(bytes)]);
}

function encode(value: MmdbValue): Buffer {
  if (typeof value === 'string')
    return Buffer.concat([control(2, Buffer.byteLength(value)), Buffer.from(value)]);
  if (typeof value === 'number') return uint(value, 6);
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map(encode)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
}

function ipv4Bits(address: string): number {
  return address.split('.').reduce((bits, octet) => bits * 256 + Number(octet), 0);
}

/** Builds an IPv4 MaxMind DB where each `a.b.c.d/len` network maps to its record (e.g. {country:{iso_code}}). */
export function buildMmdb(networks: Record<string, MmdbValue>, databaseType = 'GeoLite2-Country'): Buffer {
  // Node records: a node index, 'empty', or a data offset ({ data }).
  type Slot = number | 'empty' | { data: number };
  const nodes: Array<[Slot, Slot]> = [['empty', 'empty']];
  const data: Buffer[] = [];
  let dataSize = 0;
  for (const [network, record] of Object.entries(networks)) {
    const [address = '', length = '32'] = network.split('/');
    const bits = ipv4Bits(address);
    const prefix = Number(length);
    let node = 0;
    for (let depth = 0; depth < prefix - 1; depth++) {
      const side = (bits >>> (31 - depth)) & 1;
      const next = nodes[node]![side]!;
      if (typeof next === 'number') node = next;
      else {
        nodes.push(['empty', 'empty']);
        nodes[node]![side] = nodes.length - 1;
        node = nodes.length - 1;
      }
    }
    nodes[node]![(bits >>> (32 - prefix)) & 1] = { data: dataSize };
    const encoded = encode(record);
    data.push(encoded);
    dataSize += encoded.length;
  }
  const nodeCount = nodes.length;
  const recordValue = (slot: Slot): number =>
    slot === 'empty' ? nodeCount : typeof slot === 'number' ? slot : nodeCount + 16 + slot.data;
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach(([left, right], i) => {
    tree.writeUIntBE(recordValue(left), i * 6, 3);
    tree.writeUIntBE(recordValue(right), i * 6 + 3, 3);
  });
  const metadata = encode({
    node_count: nodeCount,
    record_size: 24,
    ip_version: 4,
    database_type: databaseType,
    languages: ['en'],
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: Math.floor(Date.now() / 1000),
    description: { en: 'Shopcast test database' },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, METADATA_MARKER, metadata]);
}
