-- CreateEnum
CREATE TYPE "OperatorStatus" AS ENUM ('online', 'away', 'offline');

-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "live_chat_settings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "visitor_sessions" ADD COLUMN     "fields" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "pages" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "referrer" TEXT,
ADD COLUMN     "search_phrase" TEXT;

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "assigned_at" TIMESTAMP(3),
ADD COLUMN     "assigned_user_id" TEXT,
ADD COLUMN     "close_reason" TEXT,
ADD COLUMN     "closed_by_user_id" TEXT,
ADD COLUMN     "declined_by" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "department_id" TEXT,
ADD COLUMN     "handoff_reason" TEXT,
ADD COLUMN     "offered_at" TIMESTAMP(3),
ADD COLUMN     "offered_to_user_id" TEXT,
ADD COLUMN     "queued_at" TIMESTAMP(3),
ADD COLUMN     "rated_at" TIMESTAMP(3),
ADD COLUMN     "rating" INTEGER,
ADD COLUMN     "rating_comment" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "transcript_sent_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "internal" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "departments" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "assignment" TEXT NOT NULL DEFAULT 'least_busy',
    "business_hours" JSONB,
    "offline_message" TEXT,
    "send_transcripts" BOOLEAN NOT NULL DEFAULT false,
    "transcript_emails" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator_profiles" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "display_name" TEXT,
    "avatar_file" TEXT,
    "signature" TEXT,
    "status" "OperatorStatus" NOT NULL DEFAULT 'offline',
    "status_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3),
    "max_chats" INTEGER NOT NULL DEFAULT 5,
    "send_transcripts" BOOLEAN NOT NULL DEFAULT false,
    "last_assigned_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "operator_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator_departments" (
    "operator_id" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,

    CONSTRAINT "operator_departments_pkey" PRIMARY KEY ("operator_id","department_id")
);

-- CreateTable
CREATE TABLE "canned_responses" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "department_id" TEXT,
    "owner_user_id" TEXT,
    "shortcut" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "canned_responses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "departments_workspace_id_name_key" ON "departments"("workspace_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "operator_profiles_workspace_id_user_id_key" ON "operator_profiles"("workspace_id", "user_id");

-- CreateIndex
CREATE INDEX "operator_departments_department_id_idx" ON "operator_departments"("department_id");

-- CreateIndex
CREATE INDEX "canned_responses_workspace_id_scope_idx" ON "canned_responses"("workspace_id", "scope");

-- CreateIndex
CREATE INDEX "conversations_workspace_id_status_idx" ON "conversations"("workspace_id", "status");

-- CreateIndex
CREATE INDEX "conversations_assigned_user_id_status_idx" ON "conversations"("assigned_user_id", "status");

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "departments" ADD CONSTRAINT "departments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_profiles" ADD CONSTRAINT "operator_profiles_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_profiles" ADD CONSTRAINT "operator_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_departments" ADD CONSTRAINT "operator_departments_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operator_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_departments" ADD CONSTRAINT "operator_departments_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
