'use strict';
// The benchmark's Express reference: a bare Express app (routing, its query
// parser, res.json) doing the floor's work (bench/reference.js). The API's target
// is measured against this one: what Nest, passport, validation, helmet, CORS and
// logging add on top of Express.
const express = require('express');
const { viewerOf, unauthorized, feed, post } = require('./reference');

const app = express();
// As in the API: no ETag (hashing every body costs CPU on every read).
app.set('etag', false);

const route = (answer) => async (req, res, next) => {
  try {
    const viewerId = await viewerOf(req.headers.authorization);
    const { status, body, headers = {} } = viewerId === null ? unauthorized : await answer(viewerId, req);
    res.status(status).set(headers).json(body);
  } catch (err) {
    next(err);
  }
};

app.get('/posts', route((viewerId, req) => feed(viewerId, req.query)));
app.get('/posts/:id', route((viewerId, req) => post(viewerId, req.params.id)));
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
