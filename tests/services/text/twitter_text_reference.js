#!/usr/bin/env node
// The reference side of twitter_differential_test: the official twitter-text
// JavaScript library (npm twitter-text 3.1.0) on each text Kanal is given.
//
//   node twitter_text_reference.js [NODE_MODULES_DIR] < texts.jsonl > results.jsonl
//
// Reads one JSON string per line and writes one JSON object per line:
//   {weightedLength, valid, permillage, validRangeEnd,
//    urls: [[start, end]], mentions: [[start, end, screenName]],
//    hashtags: [[start, end, tag]], cashtags: [[start, end, tag]]}
// Offsets stay as JavaScript gives them, UTF-16 code units: kanal::text's
// twitter-text functions count in the same units, so the C++ test compares
// them as they are. A text the library throws on gives {error}.
'use strict';

const path = require('path');
const readline = require('readline');

const modules = process.argv[2];
const twitter = require(modules ? path.join(path.resolve(modules), 'twitter-text') : 'twitter-text');

function spans(entities, key) {
  return entities.map((e) => (key ? [e.indices[0], e.indices[1], e[key]] : [e.indices[0], e.indices[1]]));
}

function reference(text) {
  const parsed = twitter.parseTweet(text);
  return {
    weightedLength: parsed.weightedLength,
    valid: parsed.valid,
    permillage: parsed.permillage,
    validRangeEnd: parsed.validRangeEnd,
    urls: spans(twitter.extractUrlsWithIndices(text)),
    mentions: spans(twitter.extractMentionsWithIndices(text), 'screenName'),
    hashtags: spans(twitter.extractHashtagsWithIndices(text), 'hashtag'),
    cashtags: spans(twitter.extractCashtagsWithIndices(text), 'cashtag'),
  };
}

const out = [];
readline
  .createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on('line', (line) => {
    if (line.length === 0) return;
    let result;
    try {
      result = reference(JSON.parse(line));
    } catch (error) {
      result = { error: String(error && error.message ? error.message : error) };
    }
    out.push(JSON.stringify(result));
  })
  .on('close', () => {
    process.stdout.write(out.length ? out.join('\n') + '\n' : '');
  });
