"""Makes the test bucket on the S3 store (moto) the test command started with authentication
on: a user allowed the bucket, its access key, and the bucket, made with that key. moto lets the
first three actions through unsigned (INITIAL_NO_AUTH_ACTION_COUNT=3 in test.sh): the user, its
policy and its key; so nothing else may reach the store before them, which is why this waits for
the port by connecting, not by asking. Prints the key and its secret."""
import json
import socket
import sys
import time

import boto3

host, port = sys.argv[1], int(sys.argv[2])
for _ in range(60):
    try:
        socket.create_connection((host, port), timeout=1).close()
        break
    except OSError:
        time.sleep(1)
else:
    sys.exit(f"The S3-compatible store (moto) did not listen on {host}:{port} within 60 s.")

endpoint = f"http://{host}:{port}"
unsigned = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam = boto3.client("iam", **unsigned)
iam.create_user(UserName="ocop-test")
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
iam.put_user_policy(UserName="ocop-test", PolicyName="ocop-test-bucket", PolicyDocument=json.dumps(policy))
key = iam.create_access_key(UserName="ocop-test")["AccessKey"]
signed = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"],
              aws_secret_access_key=key["SecretAccessKey"])
boto3.client("s3", **signed).create_bucket(Bucket="ocop-test")
print(key["AccessKeyId"], key["SecretAccessKey"])
