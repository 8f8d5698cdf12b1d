import { createOnce, NO_BLIND_RETRY } from './create-once.js';
/**
 * GitHub Discussions through GraphQL (REST has no way to create one): the repository's categories, an existing
 * discussion found by title (so a re-run does not post twice), and createDiscussion.
 */
import { PermissionError } from '../domain/errors.js';
import type { GitHubClient } from './client.js';
import { PERMISSIONS } from './errors.js';
import { fullName, type RepoRef } from './types.js';

export interface DiscussionCategory {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

export interface DiscussionTarget {
  readonly repositoryId: string;
  readonly discussionsEnabled: boolean;
  readonly categories: readonly DiscussionCategory[];
}

export interface Discussion {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
}

interface GraphqlErrorEntry {
  readonly type?: string;
  readonly message: string;
}

function graphqlErrors(error: unknown): GraphqlErrorEntry[] | undefined {
  if (typeof error !== 'object' || error === null || !('errors' in error)) return undefined;
  const { errors } = error;
  return Array.isArray(errors) ? errors.filter((entry): entry is GraphqlErrorEntry => isErrorEntry(entry)) : undefined;
}

function isErrorEntry(value: unknown): value is GraphqlErrorEntry {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** A GraphQL error as the user should read it: FORBIDDEN names the permission to grant. */
function discussionsError(error: unknown, what: string): Error {
  const errors = graphqlErrors(error);
  if (!errors || errors.length === 0) return error instanceof Error ? error : new Error(String(error));
  const messages = errors.map((entry) => entry.message).join('; ');
  if (errors.some((entry) => entry.type === 'FORBIDDEN')) {
    return new PermissionError(`${what}: ${messages}. The token needs "${PERMISSIONS.discussions}" on the repository.`);
  }
  return new Error(`${what}: GitHub answered: ${messages}`);
}

const TARGET_QUERY = `query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id
    hasDiscussionsEnabled
    discussionCategories(first: 100) { nodes { id name slug } }
  }
}`;

interface TargetAnswer {
  repository: {
    id: string;
    hasDiscussionsEnabled: boolean;
    discussionCategories: { nodes: (DiscussionCategory | null)[] | null };
  } | null;
}

export async function getDiscussionTarget(client: GitHubClient, ref: RepoRef): Promise<DiscussionTarget> {
  let answer: TargetAnswer;
  try {
    answer = await client.graphql<TargetAnswer>(TARGET_QUERY, { owner: ref.owner, name: ref.repo });
  } catch (error) {
    throw discussionsError(error, `Cannot read the discussion categories of ${fullName(ref)}`);
  }
  const repository = answer.repository;
  if (!repository) throw new Error(`GitHub returned no repository ${fullName(ref)}`);
  return {
    repositoryId: repository.id,
    discussionsEnabled: repository.hasDiscussionsEnabled,
    categories: (repository.discussionCategories.nodes ?? []).filter((node): node is DiscussionCategory => !!node),
  };
}

/** The category called `name` (case-insensitive, or its slug). */
export function findCategory(target: DiscussionTarget, name: string): DiscussionCategory | undefined {
  const wanted = name.trim().toLowerCase();
  return target.categories.find((c) => c.name.toLowerCase() === wanted || c.slug.toLowerCase() === wanted);
}

const DISCUSSIONS_QUERY = `query($owner: String!, $name: String!, $categoryId: ID, $after: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: 100, after: $after, categoryId: $categoryId) {
      nodes { id number title url }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface DiscussionsAnswer {
  repository: {
    discussions: {
      nodes: (Discussion | null)[] | null;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
}

/** The discussion in the category whose title is `title`, searching page by page (newest first) until found. */
export async function findDiscussionByTitle(
  client: GitHubClient,
  ref: RepoRef,
  categoryId: string,
  title: string,
): Promise<Discussion | undefined> {
  let after: string | null = null;
  do {
    let answer: DiscussionsAnswer;
    try {
      answer = await client.graphql<DiscussionsAnswer>(DISCUSSIONS_QUERY, {
        owner: ref.owner,
        name: ref.repo,
        categoryId,
        after,
      });
    } catch (error) {
      throw discussionsError(error, `Cannot list the discussions of ${fullName(ref)}`);
    }
    const page = answer.repository?.discussions;
    const found = (page?.nodes ?? []).find((node) => node?.title === title);
    if (found) return found;
    after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return undefined;
}

const CREATE_MUTATION = `mutation($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) {
    discussion { id number title url }
  }
}`;

interface CreateAnswer {
  createDiscussion: { discussion: Discussion | null } | null;
}

export interface NewDiscussion {
  readonly repositoryId: string;
  readonly categoryId: string;
  readonly title: string;
  readonly body: string;
}

/** Starts the discussion once, even when GitHub's answer to the mutation is lost (see create-once.ts). */
export async function createDiscussion(client: GitHubClient, ref: RepoRef, input: NewDiscussion): Promise<Discussion> {
  const create = async (): Promise<Discussion> => {
    const answer = await client.graphql<CreateAnswer>(CREATE_MUTATION, { ...input, ...NO_BLIND_RETRY });
    const discussion = answer.createDiscussion?.discussion;
    if (!discussion) throw new Error(`GitHub created no discussion in ${fullName(ref)}`);
    return discussion;
  };
  try {
    return await createOnce(client, create, () => findDiscussionByTitle(client, ref, input.categoryId, input.title));
  } catch (error) {
    throw discussionsError(error, `Cannot create the discussion in ${fullName(ref)}`);
  }
}
