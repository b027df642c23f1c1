# RLS Coach: the bot in a small image. The SQLite database lives in the /data volume;
# set DATABASE_URL to a postgresql+asyncpg:// URL to use PostgreSQL instead.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY content ./content
RUN pip install . && rm -rf /src

RUN useradd --create-home --uid 10001 rls && mkdir /data && chown rls:rls /data
USER rls
WORKDIR /data
VOLUME ["/data"]
ENV DATABASE_URL=sqlite+aiosqlite:////data/rls-coach.db

EXPOSE 8080
CMD ["rls-coach", "run"]
