-- CreateTable
CREATE TABLE "CacheStamp" (
    "tag" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,

    CONSTRAINT "CacheStamp_pkey" PRIMARY KEY ("tag")
);
