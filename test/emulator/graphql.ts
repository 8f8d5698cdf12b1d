/**
 * GitHub's GraphQL API, the Discussions subset publish-announcement uses, executed by graphql-js against a schema
 * whose types, fields and argument names are GitHub's own (a query GitHub would reject is rejected here too).
 */
import { buildSchema, graphql, type GraphQLError } from 'graphql';
import { canSeeRepo, hasPermission } from './access.js';
import type { HandlerResult } from './http.js';
import { nextId, nodeId } from './ids.js';
import { recordMentions } from './mentions.js';
import { findRepo, fullName, visibilityOf } from './state.js';
import type { View } from './render/view.js';
import type { Discussion, DiscussionCategory, Repo, TokenGrant } from './types.js';

const SCHEMA = buildSchema(`
  type Query {
    repository(owner: String!, name: String!): Repository
  }
  type Mutation {
    createDiscussion(input: CreateDiscussionInput!): CreateDiscussionPayload
  }
  type Repository {
    id: ID!
    name: String!
    nameWithOwner: String!
    url: String!
    isPrivate: Boolean!
    visibility: RepositoryVisibility!
    hasDiscussionsEnabled: Boolean!
    discussionCategories(first: Int, after: String): DiscussionCategoryConnection!
    discussions(first: Int, after: String, categoryId: ID): DiscussionConnection!
  }
  enum RepositoryVisibility {
    INTERNAL
    PRIVATE
    PUBLIC
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  type DiscussionCategory {
    id: ID!
    name: String!
    slug: String!
  }
  type DiscussionCategoryConnection {
    nodes: [DiscussionCategory]
    totalCount: Int!
    pageInfo: PageInfo!
  }
  type Discussion {
    id: ID!
    number: Int!
    title: String!
    body: String!
    url: String!
    createdAt: String!
    category: DiscussionCategory!
  }
  type DiscussionConnection {
    nodes: [Discussion]
    totalCount: Int!
    pageInfo: PageInfo!
  }
  input CreateDiscussionInput {
    repositoryId: ID!
    categoryId: ID!
    title: String!
    body: String!
    clientMutationId: String
  }
  type CreateDiscussionPayload {
    discussion: Discussion
    clientMutationId: String
  }
`);

/** An error GitHub puts in `errors[]` with a `type`, as its GraphQL API does. */
class TypedError extends Error {
  constructor(
    readonly type: 'NOT_FOUND' | 'FORBIDDEN' | 'UNPROCESSABLE',
    message: string,
  ) {
    super(message);
  }
}

function connection<T>(all: readonly T[], first: number | undefined, after: string | undefined) {
  const start = after ? Number(Buffer.from(after, 'base64').toString('utf8').replace('cursor:', '')) : 0;
  const size = Math.min(Math.max(first ?? 100, 1), 100);
  const nodes = all.slice(start, start + size);
  const end = start + nodes.length;
  return {
    nodes,
    totalCount: all.length,
    pageInfo: {
      hasNextPage: end < all.length,
      endCursor: nodes.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
    },
  };
}

function resolvers(view: View, grant: TokenGrant) {
  const state = view.state;
  const categoryView = (category: DiscussionCategory) => ({
    id: category.id,
    name: category.name,
    slug: category.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
  });
  const discussionView = (discussion: Discussion) => {
    const category = state.discussionCategories.find((candidate) => candidate.id === discussion.categoryId);
    return { ...discussion, category: category ? categoryView(category) : null };
  };
  const repositoryView = (repo: Repo) => ({
    id: nodeId('Repository', repo.id),
    name: repo.name,
    nameWithOwner: fullName(repo),
    url: `${view.web}/${fullName(repo)}`,
    isPrivate: visibilityOf(repo).private,
    visibility: visibilityOf(repo).visibility.toUpperCase(),
    hasDiscussionsEnabled: repo.hasDiscussions,
    discussionCategories: ({ first, after }: { first?: number; after?: string }) =>
      connection(state.discussionCategories.filter((c) => c.repo === fullName(repo)).map(categoryView), first, after),
    discussions: ({ first, after, categoryId }: { first?: number; after?: string; categoryId?: string }) =>
      connection(
        state.discussions
          .filter((d) => d.repo === fullName(repo) && (categoryId === undefined || d.categoryId === categoryId))
          .sort((a, b) => b.number - a.number)
          .map(discussionView),
        first,
        after,
      ),
  });
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = findRepo(state, `${owner}/${name}`);
      if (!repo || !canSeeRepo(grant, repo)) {
        throw new TypedError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      }
      return repositoryView(repo);
    },
    createDiscussion: ({
      input,
    }: {
      input: { repositoryId: string; categoryId: string; title: string; body: string };
    }) => {
      const repo = state.repos.find((candidate) => nodeId('Repository', candidate.id) === input.repositoryId);
      if (!repo || !canSeeRepo(grant, repo)) {
        throw new TypedError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.repositoryId}'`);
      }
      if (!hasPermission(grant, 'discussions'))
        throw new TypedError('FORBIDDEN', 'Resource not accessible by integration');
      if (!repo.hasDiscussions) throw new TypedError('UNPROCESSABLE', 'Discussions are disabled for this repository.');
      const category = state.discussionCategories.find((c) => c.id === input.categoryId && c.repo === fullName(repo));
      if (!category)
        throw new TypedError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.categoryId}'`);
      const number =
        Math.max(0, ...state.discussions.filter((d) => d.repo === fullName(repo)).map((d) => d.number)) + 1;
      const discussion: Discussion = {
        id: nodeId('Discussion', nextId(state)),
        repo: fullName(repo),
        number,
        categoryId: category.id,
        title: input.title,
        body: input.body,
        url: `${view.web}/${fullName(repo)}/discussions/${number}`,
        createdAt: state.now,
      };
      state.discussions.push(discussion);
      const source = {
        kind: 'discussion' as const,
        author: grant.login,
        commentId: null,
        discussion: { repo: fullName(repo), number },
      };
      recordMentions(state, source, input.body);
      return { discussion: discussionView(discussion) };
    },
  };
}

function errorView(error: GraphQLError) {
  const original = error.originalError;
  return {
    ...(original instanceof TypedError ? { type: original.type } : {}),
    path: error.path,
    locations: error.locations,
    message: error.message,
  };
}

/** GraphQL answers 200 with `errors[]`; a request without a query is a 400 like GitHub's. */
export async function graphqlHandler(
  view: View,
  grant: TokenGrant,
  body: unknown,
): Promise<{ result: HandlerResult; mutation: boolean }> {
  const request = (typeof body === 'object' && body !== null ? body : {}) as { query?: unknown; variables?: unknown };
  if (typeof request.query !== 'string') {
    return {
      result: { status: 400, body: { message: 'A query attribute must be specified and must be a string.' } },
      mutation: false,
    };
  }
  const mutation = /^\s*mutation\b/.test(request.query);
  const result = await graphql({
    schema: SCHEMA,
    source: request.query,
    rootValue: resolvers(view, grant),
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
  });
  const answer = {
    ...(result.data === undefined ? {} : { data: result.data }),
    ...(result.errors ? { errors: result.errors.map(errorView) } : {}),
  };
  return { result: { status: 200, body: answer }, mutation: mutation && !result.errors };
}
