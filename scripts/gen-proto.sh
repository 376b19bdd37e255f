#!/usr/bin/env bash
# Regenerates the TypeScript types of proto/core_engine.proto (npm run gen:proto).
# The output is committed; the relative imports get the .js suffix NodeNext needs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/services/common/contract/generated
rm -rf "$out"
npx proto-loader-gen-types --keepCase --longs=Number --enums=String --defaults --oneofs \
  --grpcLib=@grpc/grpc-js --outDir="$out" proto/core_engine.proto
find "$out" -name '*.ts' -exec sed -i -E "s#(from '\.{1,2}/[^']+)';#\1.js';#" {} +
