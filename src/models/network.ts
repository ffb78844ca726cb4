/**
 * Network I/O as data, for `no-network-in-transaction`: the modules whose functions do network
 * I/O (or sleep), by npm package or Node.js module name. A trailing `/*` covers a scope;
 * `fetch` stands for the global `fetch()`. Settings and rule options add to and take from it.
 */
export const networkModules: readonly string[] = [
  'fetch',
  'node:http',
  'node:https',
  'node:net',
  'node:dns',
  'node:http2',
  'node:timers/promises',
  'undici',
  'axios',
  'got',
  'node-fetch',
  'ky',
  'superagent',
  '@aws-sdk/*',
  '@google-cloud/*',
  '@azure/*',
  'openai',
  '@anthropic-ai/sdk',
  'stripe',
  'twilio',
  'nodemailer',
  'amqplib',
  'kafkajs',
  '@grpc/grpc-js',
  'ioredis',
  'redis',
  '@redis/*',
  '@elastic/elasticsearch',
  '@opensearch-project/opensearch',
  // The AWS SDK v3 clients' `send()` is declared by Smithy; Nest's HttpService wraps axios.
  '@smithy/*',
  '@nestjs/axios',
  'googleapis',
  'gaxios',
  '@octokit/*',
  '@slack/web-api',
  // Mail, push, search and analytics APIs: several call the global fetch with no HTTP client
  // in their declarations or dependencies to tell them by.
  '@sendgrid/*',
  'resend',
  'postmark',
  'mailgun.js',
  '@mailchimp/*',
  'firebase-admin',
  'web-push',
  'algoliasearch',
  'meilisearch',
  'typesense',
  'posthog-node',
  'svix',
  'pusher',
  'graphql-request',
  // The AWS SDK v2, and model, vector-store and backend-as-a-service APIs, most of which call the
  // global fetch: a completion awaited inside a transaction holds it for seconds.
  'aws-sdk',
  'ai',
  '@ai-sdk/*',
  '@google/generative-ai',
  '@google/genai',
  '@mistralai/mistralai',
  'groq-sdk',
  'cohere-ai',
  'langchain',
  '@langchain/*',
  '@pinecone-database/pinecone',
  '@supabase/supabase-js',
  'nats',
  'mqtt',
  // Payment, storage and messaging APIs: a charge or an upload inside a transaction is the
  // textbook case, and several of these call the global fetch too.
  'razorpay',
  'braintree',
  '@paypal/*',
  'paypal-rest-sdk',
  '@mollie/*',
  'square',
  'minio',
  'cloudinary',
  '@vercel/blob',
  '@upstash/*',
  '@vonage/*',
  'plivo',
  'expo-server-sdk',
  '@onesignal/*',
  'mailersend',
  '@getbrevo/*',
  // Job queues over Redis: \`queue.add()\` is a round trip to the broker.
  'bullmq',
  'bull',
  'bee-queue',
];

/**
 * HTTP, Redis and message-broker clients whose use marks a package not listed above as a
 * network client (its declarations import one, or its package.json depends on one).
 */
export const networkClientModules: readonly string[] = [
  'http',
  'https',
  'http2',
  'undici',
  'axios',
  'got',
  'node-fetch',
  'ky',
  'superagent',
  'cross-fetch',
  'isomorphic-fetch',
  'gaxios',
  'ioredis',
  'redis',
  '@redis/client',
  'amqplib',
  'kafkajs',
];

/** Packages whose declarations speak of fetch options without their functions doing network I/O. */
export const notNetworkClients: readonly string[] = ['node', 'typescript', 'undici-types'];
