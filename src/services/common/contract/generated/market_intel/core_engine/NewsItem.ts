// Original file: proto/core_engine.proto

import type { Long } from '@grpc/proto-loader';

export interface NewsItem {
  'title'?: (string);
  'content'?: (string);
  'source'?: (string);
  'timestamp'?: (number | string | Long);
  'sentiment_score'?: (number | string);
  'relevance_score'?: (number | string);
  'url'?: (string);
  'symbols'?: (string)[];
  'keywords'?: (string)[];
}

export interface NewsItem__Output {
  'title': (string);
  'content': (string);
  'source': (string);
  'timestamp': (number);
  'sentiment_score': (number);
  'relevance_score': (number);
  'url': (string);
  'symbols': (string)[];
  'keywords': (string)[];
}
