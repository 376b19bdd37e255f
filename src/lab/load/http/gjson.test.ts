import { test } from 'node:test'
import assert from 'node:assert/strict'
import { gjsonGet } from './gjson.js'

const doc = {
  name: { first: 'Tom', last: 'Anderson' },
  age: 37,
  children: ['Sara', 'Alex', 'Jack'],
  'fav.movie': 'Deer Hunter',
  friends: [
    { first: 'Dale', last: 'Murphy', age: 44 },
    { first: 'Roger', last: 'Craig', age: 68 },
    { first: 'Jane', last: 'Murphy', age: 47 }
  ]
}

test('gjson paths as k6 documents them for res.json(selector)', () => {
  assert.equal(gjsonGet(doc, 'name.last'), 'Anderson')
  assert.equal(gjsonGet(doc, 'age'), 37)
  assert.equal(gjsonGet(doc, 'children.#'), 3)
  assert.equal(gjsonGet(doc, 'children.1'), 'Alex')
  assert.equal(gjsonGet(doc, 'child*.2'), 'Jack')
  assert.equal(gjsonGet(doc, 'c?ildren.0'), 'Sara')
  assert.equal(gjsonGet(doc, 'fav\\.movie'), 'Deer Hunter')
  assert.deepEqual(gjsonGet(doc, 'friends.#.first'), ['Dale', 'Roger', 'Jane'])
  assert.equal(gjsonGet(doc, 'friends.1.last'), 'Craig')
  assert.equal(gjsonGet(doc, 'friends.#(last=="Murphy").first'), 'Dale')
  assert.deepEqual(gjsonGet(doc, 'friends.#(last=="Murphy")#.first'), ['Dale', 'Jane'])
  assert.deepEqual(gjsonGet(doc, 'friends.#(age>45)#.last'), ['Craig', 'Murphy'])
  assert.equal(gjsonGet(doc, 'friends.#(first!="Dale").first'), 'Roger')
})

test('a path that matches nothing gives undefined', () => {
  assert.equal(gjsonGet(doc, 'name.middle'), undefined)
  assert.equal(gjsonGet(doc, 'children.9'), undefined)
  assert.equal(gjsonGet(doc, 'age.x'), undefined)
  assert.equal(gjsonGet(doc, 'friends.#(age>100).first'), undefined)
})
